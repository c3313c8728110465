"""The share link, in the sidebar, and the address bar: both hold the page's whole state (a preset and
its named numbers, or the packed code, the input shape typed for a model whose code gives none, and the
language), so copying either shares the page."""
from __future__ import annotations

import html
from urllib.parse import parse_qsl

import streamlit as st

from explorer.i18n import t
from explorer.share import LANG_PARAM, MAX_CODE_PARAM, model_share_query, page_base
from explorer.ui.model_input import ModelInput

SHARE_KEY = "share_link"


def page_query(model: ModelInput, lang: str) -> str | None:
    """The query that restores this page; None when the model cannot travel in a link (a JSON model,
    or code too long once packed): then only the language does."""
    if model.source != "code":
        return None
    return model_share_query(model.code, model.preset, [(c.name, c.value) for c in model.controls], lang,
                             model.input_shape, model.typed_data)


def sync_address(query: str | None, lang: str) -> None:
    """Make the browser's address bar this page's link (Streamlit's own keys, embed and embed_options,
    stay). Written only when it differs, so a rerun that changed nothing sends nothing."""
    wanted = parse_qsl(query) if query is not None else [(LANG_PARAM, lang)]
    params = st.query_params
    current = [(key, value) for key in params for value in params.get_all(key)
               if key.lower() not in ("embed", "embed_options")]
    if current != wanted:
        params.from_dict({key: value for key, value in wanted})


def render(model: ModelInput, lang: str) -> None:
    """The link in a text box (shown literally, light: st.code would load Streamlit's 1.5 MB code
    highlighter on every first visit for this one line) and a copy button beside it."""
    query = page_query(model, lang)
    sync_address(query, lang)
    base = page_base(st.context.url)
    st.sidebar.subheader(t(lang, "share.header"))
    if model.source != "code":
        st.sidebar.caption(t(lang, "share.json"))
        return
    if query is None:
        st.sidebar.caption(t(lang, "share.too_long", limit=f"{MAX_CODE_PARAM:,}"))
        return
    st.sidebar.caption(t(lang, "share.caption" if base else "share.no_url"))
    link = f"{base}?{query}"
    st.session_state[SHARE_KEY] = link  # always this page's link, whatever the box was sent
    st.sidebar.text_input(t(lang, "share.label"), key=SHARE_KEY, label_visibility="collapsed")
    with st.sidebar:
        st.html(copy_button_html(link, t(lang, "share.copy"), t(lang, "share.copied"), t(lang, "share.copy_failed")),
                unsafe_allow_javascript=True)


_COPY_SCRIPT = """<script>
document.querySelectorAll("button.share-copy:not([data-bound])").forEach(b => {
  b.dataset.bound = "1";
  const show = k => { b.textContent = b.dataset[k]; setTimeout(() => { b.textContent = b.dataset.label; }, 2000); };
  b.addEventListener("click", () => {
    if (!navigator.clipboard) { show("failed"); return; }
    navigator.clipboard.writeText(b.dataset.link).then(() => show("done"), () => show("failed"));
  });
});
</script>"""


def copy_button_html(link: str, label: str, done: str, failed: str) -> str:
    """A button that puts `link` on the clipboard. Every value is an escaped attribute: the script reads
    them from the button, never from text pasted into it. Where the browser refuses the clipboard (a
    page served over plain http from another machine), it says so, and the link above can be selected."""
    attr = lambda value: html.escape(value, quote=True)
    return (
        f'<button type="button" class="share-copy" data-link="{attr(link)}" data-done="{attr(done)}" '
        f'data-failed="{attr(failed)}" data-label="{attr(label)}" '
        'style="font:inherit;font-size:0.875rem;padding:0.25rem 0.75rem;border-radius:0.5rem;cursor:pointer;'
        'border:1px solid rgba(128,128,128,0.4);background:transparent;color:inherit">'
        f"{html.escape(label)}</button>{_COPY_SCRIPT}"
    )
