"""Messages about the input: values that were changed, what the reader noticed in the code (the lines it
ignored said once, grouped), and models over the memory or compute budget. Severity is said in words and
colour (a badge), never only by an emoji, which a machine without an emoji font shows as an empty box."""
from __future__ import annotations

import re

import streamlit as st

from explorer.budget import Budget
from explorer.notices import Notice, group_notes
from explorer.i18n import LANGUAGES, t

_MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|~:$&")


def escape_markdown(text: str) -> str:
    """Show untrusted text literally: no markdown, links, HTML or Streamlit directives."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in text)


def code_span_text(text: str) -> str:
    """Untrusted text shown inside `backticks`: escapes would show there, so only a backtick (which
    would end the span) is replaced."""
    return str(text).replace("`", "'")


def safe_params(template: str, params: dict) -> dict:
    """Untrusted values for a markdown template: escaped where they stand in text, and only freed of
    backticks where the template puts them inside a `code span` (escapes would show there)."""
    in_code = {name for span in re.findall(r"`[^`]*`", template) for name in re.findall(r"{(\w+)", span)}
    return {k: code_span_text(v) if k in in_code else escape_markdown(str(v)) for k, v in params.items()}


NOTICE_KEYS = {  # Notice.kind -> its words
    "clamped": "notice.clamped",
    "not_integer": "notice.not_integer",
    "unknown_choice": "notice.unknown_choice",
    "unknown_key": "notice.unknown_key",
    "repeated": "notice.repeated",
    "breaks_code": "notice.breaks_code",
    "preset_unknown": "notice.preset_unknown",
    "code_bad": "notice.code_bad",
    "shape_bad": "notice.shape_bad",
    "shape_unused": "notice.shape_unused",
    "data_bad": "notice.data_bad",
}
BUDGET_KIND_KEYS = {  # BudgetItem.kind -> its words ("initialization" is never the largest part named)
    "weights": "budget.kind.weights",
    "activations": "budget.kind.activations",
    "working": "budget.kind.working",
}


def notice_text(notice: Notice, lang: str, controls: dict | None = None) -> str:
    """The notice as markdown; everything the user sent is escaped. controls: the page's named-number
    controls by name (explorer.controls.Control), whose bounds and choices the message states."""
    control = (controls or {}).get(notice.field)
    label = t(lang, "field.lang") if notice.field == "lang" else escape_markdown(notice.field)
    if control is not None and control.is_number:
        low, high = f"{control.low:,}", f"{control.high:,}"
    else:
        low = high = ""
    choices = ", ".join(LANGUAGES if notice.field == "lang" else (control.choices if control is not None else ()))
    return t(lang, NOTICE_KEYS[notice.kind], field=label, raw=escape_markdown(notice.raw),
             used=escape_markdown(notice.used), low=low, high=high, choices=escape_markdown(choices))


def show_notices(notices: list[Notice], lang: str, controls=()) -> None:
    by_name = {c.name: c for c in controls}
    for notice in notices:
        st.warning(severity_label("warning", lang) + " " + notice_text(notice, lang, by_name),
                   icon=":material/warning:")


SEVERITY_BADGES = {  # a note's severity -> (badge colour, Material icon shipped with Streamlit, its word)
    "error": ("red", ":material/error:", "severity.error"),
    "warning": ("orange", ":material/warning:", "severity.warning"),
    "info": ("blue", ":material/info:", "severity.info"),
}


def severity_label(severity: str, lang: str) -> str:
    """':red-badge[:material/error: Error]': the severity in words and colour (the icon is drawn from
    Streamlit's own icon font, not an emoji font). An unknown severity reads as info."""
    colour, icon, key = SEVERITY_BADGES.get(severity, SEVERITY_BADGES["info"])
    return f":{colour}-badge[{icon} {t(lang, key)}]"


def reader_note_text(note, lang: str, badge: bool = True) -> str:
    """One reader note (explorer.spec.Note) as markdown: its severity in words (unless `badge` is False: the
    ignored lines' details, under a note that already says it), its line, its text; every value from the
    user's code is escaped."""
    params = {k: escape_markdown(v) for k, v in note.params}
    try:
        text = t(lang, note.key, **params)
    except (KeyError, IndexError, ValueError):  # a key or placeholder the catalog lacks: say it plainly
        text = escape_markdown(note.key + " " + ", ".join(f"{k}={v}" for k, v in note.params))
    where = t(lang, "model.note_line", line=note.line) + ": " if note.line else ""
    return f"{severity_label(note.severity, lang)} {where}{text}" if badge else where + text


NOTE_TOPIC_KEYS = {  # explorer.notices.TOPICS -> their words
    "imports": "notes.topic.imports",
    "data": "notes.topic.data",
    "training": "notes.topic.training",
    "printing": "notes.topic.printing",
    "other": "notes.topic.other",
}


def ignored_summary(groups, lang: str) -> str:
    """'16 lines ignored: imports, data loading, training, printing' (they do not change the model)."""
    topics = t(lang, "notes.topic_sep").join(t(lang, NOTE_TOPIC_KEYS[topic]) for topic in groups.topics)
    key = "notes.ignored_one" if groups.lines == 1 else "notes.ignored_many"
    return t(lang, key, count=f"{groups.lines:,}", topics=topics)


def show_reader_notes(notes, lang: str) -> None:
    """What the reader noticed: each error, warning and teaching note on its own line, then the lines it
    ignored as one note whose details open on demand."""
    groups = group_notes(notes)
    if not (groups.single or groups.ignored):
        return
    with st.container(border=True, key="reader_notes"):
        st.markdown(f"**{t(lang, 'model.notes_header')}**")
        if groups.single:
            st.markdown("\n".join(f"- {reader_note_text(n, lang)}" for n in groups.single))
        if groups.ignored:
            st.markdown(f"{severity_label('info', lang)} {ignored_summary(groups, lang)}")
            with st.expander(t(lang, "notes.ignored_details"), key="reader_notes_ignored"):
                st.markdown("\n".join(f"- {reader_note_text(n, lang, badge=False)}" for n in groups.ignored))


def budget_text(budget: Budget, lang: str) -> str:
    """Why the model (or only its forward pass) was refused, naming the largest part and the bytes."""
    if not budget.fits_memory:
        big = budget.largest
        return t(lang, "budget.generic_memory", total=f"{budget.total_bytes:,}", limit=f"{budget.limit_bytes:,}",
                 layer=big.layer, kind=t(lang, BUDGET_KIND_KEYS[big.kind]), nbytes=f"{big.nbytes:,}",
                 mib=f"{budget.total_bytes / 2**20:,.1f}", limit_mib=f"{budget.limit_bytes / 2**20:,.0f}")
    return t(lang, "budget.compute", gflops=f"{budget.forward_flops / 1e9:,.1f}",
             limit=f"{budget.limit_flops / 1e9:,.0f}")
