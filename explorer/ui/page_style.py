"""The page's own CSS: the layout that keeps the answer and the shape table in view, and the hints a touch
screen has no use for.

On a wide window the code and its result sit side by side (page.py: the code on the left, the answer and the
shape table on the right, as Compiler Explorer shows code and its assembly); Streamlit stacks the two columns
on a narrow screen, where the shape table stacks its rows (html_table.stack_rules). The page's margins are
trimmed so that the first screen holds the result. A code line longer than its box scrolls inside it
(Python's indentation stays as written: no line is wrapped). The code box's hint names Ctrl+Enter on a screen with a
keyboard and a pointer, and tapping outside on a touch screen; the diagram's hint says hover and click, or tap;
Streamlit's own "Press Enter to apply" under its inputs is hidden on a touch screen."""
from __future__ import annotations

import streamlit as st

TOUCH = "(hover: none) and (pointer: coarse)"
PAGE_CSS = f"""
[data-testid='stMainBlockContainer'] {{ padding-top: 1.5rem; }}
@media (min-width: 736px) {{
  [data-testid='stMainBlockContainer'] {{ padding-left: 2rem; padding-right: 2rem; }}
}}
[data-testid='stMainBlockContainer'] h1 {{ padding-top: 0.25rem; padding-bottom: 0.5rem; }}
.st-key-result h3 {{ font-size: 1.375rem; padding: 0.25rem 0; }}
.st-key-answer :is(p, li) {{ font-size: 0.9375rem; line-height: 1.5; }}
.st-key-answer p {{ margin-bottom: 0.5rem; }}
.st-key-answer li {{ margin-bottom: 0; }}
.st-key-result thead th {{ white-space: nowrap; }}
.st-key-code textarea {{ white-space: pre; overflow-wrap: normal; overflow-x: auto; }}
.st-key-code_hint_keys, .st-key-code_hint_touch, [class*='st-key-diagram_hint_'] {{ margin-top: -0.75rem; }}
.st-key-code_hint_touch, .st-key-diagram_hint_touch {{ display: none; }}
@media {TOUCH} {{
  .st-key-code_hint_keys, .st-key-diagram_hint_pointer, [data-testid='InputInstructions'] {{ display: none; }}
  .st-key-code_hint_touch, .st-key-diagram_hint_touch {{ display: block; }}
}}
"""


def render() -> None:
    """The page's CSS (a style-only st.html takes no room on the page)."""
    st.html(f"<style>{PAGE_CSS}</style>")
