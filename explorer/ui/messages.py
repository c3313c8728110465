"""Messages about the input: values that were changed, and models over the memory or compute budget."""
from __future__ import annotations

import re

import streamlit as st

from explorer.budget import Budget
from explorer.notices import Notice
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
        st.warning(notice_text(notice, lang, by_name), icon="⚠️")


def budget_text(budget: Budget, lang: str) -> str:
    """Why the model (or only its forward pass) was refused, naming the largest part and the bytes."""
    if not budget.fits_memory:
        big = budget.largest
        return t(lang, "budget.generic_memory", total=f"{budget.total_bytes:,}", limit=f"{budget.limit_bytes:,}",
                 layer=big.layer, kind=t(lang, BUDGET_KIND_KEYS[big.kind]), nbytes=f"{big.nbytes:,}",
                 mib=f"{budget.total_bytes / 2**20:,.1f}", limit_mib=f"{budget.limit_bytes / 2**20:,.0f}")
    return t(lang, "budget.compute", gflops=f"{budget.forward_flops / 1e9:,.1f}",
             limit=f"{budget.limit_flops / 1e9:,.0f}")
