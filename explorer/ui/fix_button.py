"""The one-click fix: "Apply the fix to my code" writes the failure's fix into the code box, and after it
(or after break it's "Try it in the code box") the page says what changed and brings it into view.

Shown when the failure's fix comes with an edit that can be written into the learner's code
(explorer.reader.edit.apply_fix: an argument changed, a layer inserted, removed or replaced, an input
shape changed, in the learner's own import style); the new code is computed before the button is drawn,
and the button's callback only stores it, as an edit of the code box (model_input.set_code), with the
code it replaced, so the next run can say what changed (explorer.reader.edit.changes).
"""
from __future__ import annotations

import itertools

import streamlit as st

from explorer.i18n import t
from explorer.diagnose import dense_on_positions
from explorer.description import Description
from explorer.reader.edit import Change, apply_edit, apply_fix, changes, fix_edit
from explorer.shapes import Failure
from explorer.spec import ModelSpec
from explorer.ui import model_input
from explorer.ui.messages import escape_markdown

CHANGED_KEY = "fixloop.changed"  # (old code, new code, "fix" | "try"): set by a button, shown once
ANCHOR_KEY = "fixloop_change"  # the note's container; its element has the class st-key-fixloop_change
_SCROLLS = itertools.count(1)  # a different script each time, so the browser runs it again
_WORDS = {"added": "fixloop.added", "removed": "fixloop.removed", "changed": "fixloop.changed",
          "line_added": "fixloop.line_added", "line_removed": "fixloop.line_removed"}
_HEADERS = {"fix": "fixloop.fix_applied", "try": "fixloop.mistake_written"}
_SCROLL = """<script>
(function () {{
  // run {count}: bring the note about the change into view
  let tries = 0;
  const go = () => {{
    const target = window.parent.document.querySelector(".st-key-{anchor}") || document.querySelector(
      ".st-key-{anchor}");
    if (target) {{ target.scrollIntoView({{behavior: "auto", block: "start"}}); }}
    else if (tries++ < 20) {{ setTimeout(go, 100); }}
  }};
  go();
}})();
</script>"""


def set_code(code: str) -> None:
    """A button's callback: the code box gets `code`, and the preset selector follows as after an edit."""
    model_input.set_code(code)  # remembered as written by the page: a quick next change cannot undo it


def write_code(old: str | None, new: str, how: str) -> None:
    """A button's callback that writes `new` over `old` and remembers both, so the page says what changed.
    how: "fix" (Apply the fix) or "try" (Try it in the code box)."""
    set_code(new)
    if isinstance(old, str):
        st.session_state[CHANGED_KEY] = (old, new, how)


def change_text(change: Change, lang: str) -> str:
    """One change as the page says it: "line 9: `return_sequences=True` added"."""
    def code(text: str) -> str:
        text = text.replace("`", "'")
        return text if len(text) <= 160 else text[:157] + "…"

    return t(lang, _WORDS[change.what], line=change.line, text=code(change.text), before=code(change.before))


def show_change(lang: str) -> None:
    """After a button wrote into the code box (once): what changed, line by line, and the page scrolled
    to it. Nothing when the code box holds other code now (the learner typed since)."""
    record = st.session_state.pop(CHANGED_KEY, None)
    if not record or record[1] != st.session_state.get(model_input.CODE_KEY):
        return
    old, new, how = record
    found = changes(old, new)
    with st.container(border=True, key=ANCHOR_KEY):
        st.markdown(t(lang, _HEADERS.get(how, "fixloop.fix_applied")))
        st.markdown("\n".join("- " + change_text(change, lang) for change in found) or t(lang, "fixloop.no_change"))
    st.html(_SCROLL.format(count=next(_SCROLLS), anchor=ANCHOR_KEY), unsafe_allow_javascript=True)


def render(code: str, spec: ModelSpec, failure: Failure | None, lang: str) -> None:
    """The button, under the failure's fix; nothing when the fix cannot be written into `code`
    (code: the code box's text the spec was read from)."""
    if failure is None or failure.fix is None:
        return
    fixed = apply_fix(code, spec, failure)
    if fixed is None:
        return
    layer = fix_edit(spec, failure).at
    st.button(t(lang, "breakany.apply_fix"), key="breakany.apply_fix", type="primary", on_click=write_code,
              args=(code, fixed, "fix"), help=t(lang, "breakany.apply_fix_help", layer=escape_markdown(layer)))


def render_hint(code: str | None, spec: ModelSpec, desc: Description, lang: str) -> None:
    """A model that builds but gives one prediction per image position (Dense without Flatten,
    explorer.diagnose.dense_on_positions): why, the fix with its code, and "Apply the fix to my code" when
    the model came from the code box (code) and the fix can be written into it. Nothing for other models."""
    from explorer.ui.failure_panel import fix_text

    hint = dense_on_positions(spec, desc)
    if hint is None:
        return
    params = {**dict(hint.params), "dense": escape_markdown(dict(hint.params)["dense"])}  # the rest: our numbers
    with st.container(border=True, key="fixloop_hint"):
        st.warning(t(lang, "hint.dense_positions.why", **params), icon="⚠️")
        st.markdown(t(lang, "failure.fix", fix=fix_text(hint, lang)))
        st.code(hint.code, language="python")
        fixed = apply_edit(code, spec, hint.edit, hint.code) if code else None
        if fixed is not None:
            st.button(t(lang, "breakany.apply_fix"), key="fixloop.apply_hint", type="primary", on_click=write_code,
                      args=(code, fixed, "fix"), help=t(lang, "breakany.apply_fix_help", layer=params["dense"]))
