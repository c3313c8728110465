"""Every cache of the app but the readers' (`read_cache.py`, which needs no TensorFlow), in one place.

Models and forward passes live in one byte-bounded LRU (sizes from the memory budget, so a few
large configurations cannot pile up); small pure results use Streamlit's caches. Models are shared
between sessions and only ever called with training=False.
"""
from __future__ import annotations

import gc

import pandas as pd
import streamlit as st

from explorer.budget import Budget, description_budget
from explorer.build import Built, build
from explorer.diagram import flow_drawing
from explorer.diagram_plotly import drawing_figure
from explorer.export import ExportError, export_code
from explorer.fit_check import FitCheck, check_fit
from explorer.live.base import Text, XRay
from explorer.live.breakit import BreakOutcome, outcomes_for
from explorer.live.equivalences import Equivalence, equivalences, unavailable_reason
from explorer.live.trace import STEP_BUDGET, Trace, run_trace, trace_cost
from explorer.live.xrays import xray_layers, xray_of
from explorer.memo import ByteBoundedCache, FairSlots
from explorer.reader.code import read_code
from explorer.shapes import Description, describe
from explorer.spec import ModelSpec, ReadResult
from explorer.tables import layer_table, weight_table
from explorer.training import TrainingSpec

MODEL_CACHE_BYTES = 128 * 1024 * 1024
_heavy: ByteBoundedCache = ByteBoundedCache(MODEL_CACHE_BYTES)
# Heavy work (a build, a forward pass, a live panel) is Python dispatch under the interpreter lock: with
# more of it at once than one, every session slows down together (eight sessions building and running
# the tagger three times each: 0.69 s per job with all at once, 0.54 s two at a time, 0.40 s one at a
# time, as alone). So it takes turns, in the order the runs first asked (a run that has built its model
# keeps its place for its forward pass and X-ray); light work (shapes, tables, the diagram) never waits
# for a turn, and a session's own reruns replace each other, so one session queues one.
HEAVY_SLOTS = 1
_slots = FairSlots(HEAVY_SLOTS)


def _in_turn(work):
    """work() once a slot is free. Callers never hold a slot while asking for another (no deadlock)."""
    with _slots:
        return work()

# Streamlit resets Keras's global session after every script run, and that runs gc.collect():
# ≈ 0.2 s per run spent walking the ~400,000 objects that importing TensorFlow leaves. They live as
# long as the process, so move them out of the collector's way once, when this module is imported.
gc.freeze()

# A spec is frozen data whose repr shows every field, nested; Streamlit's own hashing walks the same
# tree object by object (1.5 ms for the tagger, about 35 times per run; its repr takes 0.04 ms).
BY_TEXT = {ModelSpec: repr, ReadResult: repr, TrainingSpec: repr}


# -- the learner's model: code → spec → description → build ------------------------------------
@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=BY_TEXT)
def describe_for(spec: ModelSpec) -> Description:
    """Keras's weight-free shape inference for any model: shapes before anything is allocated. Shared
    read-only (a Description is frozen, all tuples): a run asks for it about ten times, and as cache_data
    each ask unpickled a copy (≈ 10 % of a new configuration's run)."""
    return describe(spec)


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=BY_TEXT)
def spec_budget_for(spec: ModelSpec) -> Budget:
    return description_budget(describe_for(spec))


@st.cache_data(max_entries=256, show_spinner=False, hash_funcs=BY_TEXT)
def spec_tables_for(spec: ModelSpec) -> tuple[pd.DataFrame, pd.DataFrame]:
    desc = describe_for(spec)
    return layer_table(desc, spec), weight_table(desc)


@st.cache_resource(max_entries=128, show_spinner=False, hash_funcs=BY_TEXT)
def spec_diagram_for(spec: ModelSpec, labels: dict[str, str], opened: tuple[str, ...] = (),
                     ends: tuple = ()) -> dict:
    """The diagram as a Plotly figure (plain data), shared read-only by every session: st.plotly_chart
    builds its own Figure from it and never changes it. opened: the groups drawn open (the page and the warm-up
    both pass it: Streamlit's cache key holds the arguments given, not the defaults); ends: the training code's
    data drawn at the model's ends (explorer.diagram.DataEnd)."""
    return drawing_figure(flow_drawing(describe_for(spec), labels, spec, opened, ends))


@st.cache_data(max_entries=256, show_spinner=False, hash_funcs=BY_TEXT)
def xray_names_for(spec: ModelSpec) -> tuple[str, ...]:
    """The layers with an X-ray (a click on the diagram may choose one); weight-free."""
    return xray_layers(describe_for(spec), spec)


def built_for(spec: ModelSpec) -> Built:
    """The real model (or Keras's refusal while building); callers check the budget first."""
    budget = spec_budget_for(spec)
    desc = describe_for(spec)
    return _heavy.get_or_create(("spec", spec), budget.weight_bytes, lambda: _in_turn(lambda: build(spec, desc)))


def live_refusal(spec: ModelSpec) -> tuple[str, dict] | None:
    """Why the live panels cannot run for this model (an i18n key and its values), or None."""
    desc = describe_for(spec)
    budget = spec_budget_for(spec)
    if not desc.ok:
        return "live.skip_failure", {}
    if not budget.fits_memory:
        return "live.skip_memory", {"need": f"{budget.total_bytes / 2**20:,.0f}",
                                    "limit": f"{budget.limit_bytes / 2**20:,.0f}"}
    cost = trace_cost(desc)
    if cost > STEP_BUDGET or not budget.fits_compute:
        return "live.skip_compute", {"cost": f"{cost:,}", "limit": f"{STEP_BUDGET:,}"}
    if built_for(spec).model is None:
        return "live.skip_failure", {}
    return None


def trace_for(spec: ModelSpec) -> Trace:
    """One forward pass with every layer's output (callers check live_refusal first); computed once
    for every session (single-flight) and kept while the model is."""
    desc = describe_for(spec)
    budget = spec_budget_for(spec)
    model = built_for(spec).model
    return _heavy.get_or_create(("trace", spec), budget.total_bytes - budget.weight_bytes,
                                lambda: _in_turn(lambda: run_trace(model, spec, desc)))


@st.cache_data(max_entries=128, show_spinner=False, hash_funcs=BY_TEXT)
def layer_xray_for(spec: ModelSpec, name: str, pick: tuple[int, ...]) -> XRay | None:
    """The X-ray of one layer, following output element `pick` (callers check live_refusal first)."""
    model, desc, trace = built_for(spec).model, describe_for(spec), trace_for(spec)
    return _in_turn(lambda: xray_of(model, spec, desc, trace, name, pick))


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=BY_TEXT)
def equivalences_for(spec: ModelSpec) -> tuple[Equivalence | None, Text | None]:
    """Dense = TimeDistributed(Dense) = Conv1D(k=1) ≠ Flatten→Dense on this model's 3-D tensor, or why
    not (callers check live_refusal first)."""
    model, desc, trace = built_for(spec).model, describe_for(spec), trace_for(spec)
    found = _in_turn(lambda: equivalences(model, spec, desc, trace))
    return found, (unavailable_reason(spec, desc, trace) if found is None else None)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=BY_TEXT)
def export_for(result: ReadResult, lang: str) -> str | None:
    """The model as clean Keras 3 code, comments in lang (None: it does not describe to the end)."""
    if result.spec is None:
        return None
    try:
        return export_code(result, describe_for(result.spec), lang)
    except ExportError:
        return None


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=BY_TEXT)
def breakit_outcomes_for(spec: ModelSpec) -> tuple[BreakOutcome, ...]:
    """This model's common mistakes, each run on a tiny batch with the real error."""
    return _in_turn(lambda: outcomes_for(spec))


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=BY_TEXT)
def dense_check_for(spec: ModelSpec, name: str) -> float | None:
    """The largest difference between Dense `name` recomputed as reshape @ W + b and its output."""
    if live_refusal(spec) is not None:
        return None
    xray = layer_xray_for(spec, name, ())
    return xray.checks[0].diff if xray is not None and xray.checks else None


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=BY_TEXT)
def fit_check_for(spec: ModelSpec, training: TrainingSpec, code: str) -> FitCheck:
    """Real Keras meets the training code's data and loss on 2-row arrays (a fresh model, never the shared one);
    code: the learner's code, for fixes written as the new text of its lines."""
    return _in_turn(lambda: check_fit(spec, describe_for(spec), training, code))


def warm(lang: str = "en") -> None:
    """Fill the page's own caches for the default preset, in the order the page asks (shapes, tables,
    diagram, the build, the forward pass, the answer's check), so a first visitor finds each ready or
    being made (the caches make a second asker wait for the first); needs no Streamlit session."""
    from explorer.presets import DEFAULT_PRESET, preset_code
    from explorer.ui.answer_panel import dense_on_sequence
    from explorer.ui.diagram_panel import labels

    from explorer.data_path import diagram_ends

    result = read_code(preset_code(DEFAULT_PRESET))
    spec = result.spec
    if spec is None:
        return
    desc = describe_for(spec)
    spec_tables_for(spec)
    spec_diagram_for(spec, labels(lang, spec), (), diagram_ends(desc, spec, result.training, lang))
    if spec_budget_for(spec).fits_memory and desc.ok and built_for(spec).model is not None:
        dense = dense_on_sequence(desc)
        if dense is not None:  # the answer's check: it reads the forward pass
            dense_check_for(spec, dense.name)


_trimmed_after = 0  # _heavy.evictions when the heap was last given back


def give_back_freed_memory() -> bool:
    """After a model or a forward pass left the cache, return the freed heap to the system
    (glibc keeps it otherwise: measured +275 MB over 20 configurations without, +91 MB with).
    Streamlit's own gc after each run frees the objects; this costs ~14 ms, so only after evictions."""
    global _trimmed_after
    if _heavy.evictions == _trimmed_after:
        return False
    _trimmed_after = _heavy.evictions
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to give back this way
        return False
    return True


def clear_all() -> None:
    """Empty every cache (tests call this between cases)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    _heavy.clear()
