"""The one-click fix: "Apply the fix to my code" writes the failure's fix into the code box.

Shown only when the fix changes one argument of one layer and that layer's call is found in the
code (explorer.reader.edit.apply_fix); the new code is computed before the button is drawn, and the
button's callback only stores it, as an edit of the code box (model_input.set_code).
"""
from __future__ import annotations

import streamlit as st

from explorer.i18n import t
from explorer.reader.edit import apply_fix, fixed_layer
from explorer.shapes import Failure
from explorer.spec import ModelSpec
from explorer.ui.messages import escape_markdown
from explorer.ui import model_input


def set_code(code: str) -> None:
    """A button's callback: the code box gets `code`, and the preset selector follows as after an edit."""
    model_input.set_code(code)  # remembered as written by the page: a quick next change cannot undo it


def render(code: str, spec: ModelSpec, failure: Failure | None, lang: str) -> None:
    """The button, under the failure's fix; nothing when the fix cannot be written into `code`
    (code: the code box's text the spec was read from)."""
    if failure is None or failure.fix is None:
        return
    fixed = apply_fix(code, spec, failure)
    if fixed is None:
        return
    layer = fixed_layer(spec, failure)[0].name
    st.button(t(lang, "breakany.apply_fix"), key="breakany.apply_fix", type="primary", on_click=set_code,
              args=(fixed,), help=t(lang, "breakany.apply_fix_help", layer=escape_markdown(layer)))
