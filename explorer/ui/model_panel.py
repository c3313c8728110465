"""'Your model': the code box (the page's source of truth), the Keras JSON / .keras way in, what the
reader noticed at which line, and the limits."""
from __future__ import annotations

import streamlit as st

from explorer.budget import MEMORY_BUDGET_BYTES
from explorer.i18n import t
from explorer.reader import code as code_reader
from explorer.reader import code_values
from explorer.reader import keras_file, keras_json
from explorer.shapes import Description
from explorer.spec import ModelSpec
from explorer.ui import messages
from explorer.ui.model_input import CODE_KEY, JSON_KEY, UPLOAD_KEY, ModelInput, code_edited, json_chosen

CODE_BOX_PX = 420  # in its column beside the result: as tall as the answer and the table's first rows


def limits_text(lang: str) -> str:
    return t(lang, "model.limits", chars=f"{code_reader.MAX_CHARS:,}", lines=f"{code_reader.MAX_LINES:,}",
             layers=f"{code_reader.MAX_LAYERS:,}", depth=code_reader.MAX_DEPTH,
             int_max=f"{code_values.MAX_INT:,}", json_kib=f"{keras_json.MAX_TEXT_CHARS // 1024:,}",
             file_kib=f"{keras_file.MAX_FILE_BYTES // 1024:,}", budget_mib=MEMORY_BUDGET_BYTES // 2**20)


def render(model: ModelInput, lang: str) -> None:
    st.header(t(lang, "model.header"))
    st.caption(t(lang, "model.intro"))
    code_tab, json_tab = st.tabs([t(lang, "model.tab_code"), t(lang, "model.tab_json")])
    with code_tab:
        st.text_area(t(lang, "model.code_label"), key=CODE_KEY, height=CODE_BOX_PX, on_change=code_edited)
        with st.container(key="code_hint_keys"):  # page_style shows one of the two: keys, or touch
            st.caption(t(lang, "model.code_hint_keys"))
        with st.container(key="code_hint_touch"):
            st.caption(t(lang, "model.code_hint_touch"))
    with json_tab:
        st.text_area(t(lang, "model.json_label"), key=JSON_KEY, height=160)
        st.button(t(lang, "model.json_use"), key="json_use", on_click=json_chosen)
        st.file_uploader(t(lang, "model.upload_label"), type=["keras"], key=UPLOAD_KEY, on_change=json_chosen)
    st.caption(limits_text(lang))
    if model.source == "json":
        st.info(t(lang, "model.json_active"))
    messages.show_reader_notes(sorted(model.result.notes, key=lambda n: (n.line, n.col)), lang)


def lines_text(lines: list[int], lang: str) -> str:
    """'line 14' or 'lines 14, 20': where the code could not be read."""
    if len(lines) == 1:
        return t(lang, "groups.line_one", line=lines[0])
    return t(lang, "groups.line_many", lines=", ".join(str(n) for n in lines))


def summary_text(spec: ModelSpec, desc: Description, lang: str) -> str:
    """'4 layers, 740,406 parameters, batch size 30 (from `size_batch`)' for the model on the page;
    while the model fails, the parameters counted up to the failing layer. Each layer counts once, also
    inside a group Keras counts as one layer (said after it). When the code holds more of the model than
    could be read (its gaps), the total is only a lower bound, and the sentence says so."""
    batch = f"{desc.batch_size:,}" if desc.batch_size is not None else t(lang, "model.batch_none")
    name = spec.batch_source  # a Python name from the reader: shown in `code`, where escapes would show
    source = t(lang, "model.batch_from", name=name) if name.isidentifier() else ""
    if spec.gaps:
        where = lines_text(sorted({line for line, _ in spec.gaps}), lang)
        text = t(lang, "groups.summary_partial", layers=len(spec.layers), params=f"{desc.total_params:,}",
                 batch=batch, batch_source=source, lines=where)
    else:
        text = t(lang, "model.summary", layers=len(spec.layers), params=f"{desc.total_params:,}", batch=batch,
                 batch_source=source)
    outer = [g for g in spec.groups if not g.parent]
    if outer:
        inside = len({m for g in outer for m in g.members})
        text += t(lang, "groups.summary_inside", groups=len(outer), inside=inside)
    return text
