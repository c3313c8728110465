"""Keras Shape Explorer, the page (`streamlit run app.py` serves it; AppTest runs it directly).

code (preset, pasted, sidebar numbers) → reader → ModelSpec → description (cached) → panels.
Shapes are drawn before the model is built, and the model before the forward pass runs; the
failure and the answer sit on top but are filled in once what they need is known.
"""
import streamlit as st

from explorer.i18n import t
from explorer.ui import data_input, messages, model_input, model_panel, page_style, share_panel, sidebar

st.set_page_config(page_title="Keras Shape Explorer", page_icon="🧊", layout="wide")

lang, url_notices = sidebar.read_language()
st.set_page_config(page_title=t(lang, "app.title"))  # the browser tab, in the page's language
model = model_input.read_model(lang)
share_panel.render(model, lang)
page_style.render()
st.title(t(lang, "app.title"))
st.markdown(t(lang, "app.intro"))
messages.show_notices(url_notices + list(model.notices), lang, model.controls)
code_column, result_column = st.columns([5, 7], gap="medium")  # stacked on a narrow screen
result_column = result_column.container(key="result")  # page_style's CSS finds it by this key
with code_column:
    model_panel.render(model, lang)

spec = model.result.spec
if spec is None:
    with result_column:
        st.info(t(lang, "model.nothing", reason=t(lang, "model.no_spec")))
    st.stop()

# Everything above needs only the reader; everything below needs Keras. Imported here, so a first visitor
# after a restart already has the sidebar and the code while the warm-up is still importing TensorFlow
# (afterwards these imports cost nothing).
with result_column:  # noqa: SIM117 (the spinner shows where the result will be, beside the code)
    with st.spinner(t(lang, "app.loading_keras")):
        from explorer.ui import answer_panel, breakit_any_panel, cache, compare_panel, diagram_panel
        from explorer.ui import equivalence_panel, export_panel, failure_panel, fit_panel, fix_button, live_panel
        from explorer.ui import question_panel, table_panel
        from explorer.data_path import diagram_ends
desc = cache.describe_for(spec)
training = data_input.training_for(spec, desc, model.result.training, model.typed_data or {})  # the code's, or typed
budget = cache.spec_budget_for(spec)
table, weights = cache.spec_tables_for(spec)
# the model is built after the table's rows are sent: the build never delays the shapes
build = (lambda: cache.built_for(spec)) if budget.fits_memory and desc.ok else None
with result_column:  # the result beside its code: the summary, what fails, the answer, the shape table
    st.markdown(model_panel.summary_text(spec, desc, lang))
    if not budget.fits_memory:
        st.error(messages.budget_text(budget, lang))
    failure_slot = st.container(key="failure_slot")
    with failure_slot:
        fix_button.show_change(lang)  # after "Apply the fix" or "Try it": what changed, scrolled into view
    answer_slot = st.container(key="answer")
    built = table_panel.render(desc, table, weights, build, lang,
                               lambda: fit_panel.render_path(desc, spec, training, lang))
ends = diagram_ends(desc, spec, training, lang)  # the training code's data, drawn at the model's two ends
diagram_panel.render(lambda opened: cache.spec_diagram_for(spec, diagram_panel.labels(lang, spec), opened, ends),
                     lang,
                     cache.xray_names_for(spec), tuple(g.name for g in desc.groups),
                     diagram_panel.details_of(desc, spec, lang))
failure = desc.failure or (built.failure if built else None)
if failure is not None:
    with failure_slot:
        failure_panel.render(failure, model.code if model.source == "code" else None, lang)
        if model.source == "code":
            fix_button.render(model.code, spec, failure, lang)
compare_panel.show(desc, lang, spec)
if failure is not None:
    st.stop()
with failure_slot:  # a model that builds, and gives one prediction per image position: why, and the fix
    fix_button.render_hint(model.code if model.source == "code" else None, spec, desc, lang)

dense = answer_panel.dense_on_sequence(desc)
if dense is not None:
    with answer_slot:
        answer_panel.render(desc, dense, cache.dense_check_for(spec, dense.name), lang)
live_panel.render(spec, desc, lang, (
    *equivalence_panel.entry(spec, desc, lang, lambda: cache.equivalences_for(spec)),
    *fit_panel.entry(spec, training, model.code if model.source == "code" else None, lang),
    (t(lang, "breakany.header"), "open_breakit",
     lambda: breakit_any_panel.render(cache.breakit_outcomes_for(spec), lang, model.source == "code")),
    (t(lang, "export.header"), "open_export", lambda: export_panel.render(cache.export_for(model.result, lang), lang)),
))
question_panel.render(lang)
cache.give_back_freed_memory()
