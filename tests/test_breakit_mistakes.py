"""Break-it on keras.io's "Simple MNIST convnet": the mistakes CNN learners make, run against real Keras, each
explained once (one cause, one fix), and each fix written into the mistaken code by the fix loop builds."""
from __future__ import annotations

import pytest

from explorer.build import build
from explorer.live.breakit import FAILED, RAISED, SILENT_SHAPE, broken_source, mistakes_for, outcomes_for
from explorer.reader.code import read_code
from explorer.reader.edit import apply_edit, apply_fix
from explorer.shapes import describe

MNIST = '''import keras
from keras import layers

num_classes = 10
input_shape = (28, 28, 1)

model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(num_classes, activation="softmax"),
    ]
)
'''
SIGNAL = '''import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(100, 1)),
    layers.Conv1D(16, 5, activation="relu"),
    layers.GlobalMaxPooling1D(),
    layers.Dense(1, activation="sigmoid"),
])
'''
KERAS2 = '''from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense

model = Sequential()
model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)))
model.add(MaxPooling2D((2, 2)))
model.add(Flatten())
model.add(Dense(10, activation="softmax"))
'''
# the MNIST convnet's cases: the model mistakes first (run as changed models), then the Dense kernel's two
MNIST_CASES = ["missing_channel", "too_many_pools", "dense_without_flatten", "transposed_matmul", "transposed_weights"]


def spec_of(code: str):
    result = read_code(code)
    assert result.spec is not None, result.notes
    return result.spec


@pytest.fixture(scope="module")
def mnist_outcomes():
    return {o.key: o for o in outcomes_for(spec_of(MNIST))}


def test_the_mnist_convnet_offers_the_realistic_list():
    spec = spec_of(MNIST)
    found = mistakes_for(spec, describe(spec))
    assert [m.key for m in found] == MNIST_CASES
    assert [m.layer for m in found][:3] == ["conv2d", "max_pooling2d_1", "flatten"]
    # the contrived ones are gone: no kernel or pooling window made longer than the whole image
    assert not {"kernel_too_long", "pool_too_long"} & {m.key for m in found}


def test_each_case_run_against_keras(mnist_outcomes):
    channel = mnist_outcomes["missing_channel"]
    assert channel.status == FAILED and channel.source == "Keras" and channel.failure.layer == "conv2d"
    assert "expected min_ndim=4, found ndim=3" in channel.message and "(None, 28, 28)" in channel.message
    pools = mnist_outcomes["too_many_pools"]
    assert pools.status == FAILED and pools.source == "Keras"
    assert "Computed output size would be zero or negative" in pools.message
    assert "inputs.shape=[None 1 1 64]" in pools.message  # 5 × 5 → 2 × 2 → 1 × 1, then no window
    flat = mnist_outcomes["dense_without_flatten"]
    assert flat.status == SILENT_SHAPE and flat.message == "" and flat.failure is None
    assert (flat.output, flat.expected) == ((None, 5, 5, 10), (None, 10))  # Keras's built model, not ours
    assert {mnist_outcomes[k].status for k in ("transposed_matmul", "transposed_weights")} == {RAISED}


def test_conv1d_fed_a_sequence_without_its_channel_axis():
    spec = spec_of(SIGNAL)
    (outcome,) = [o for o in outcomes_for(spec) if o.key == "missing_channel"]
    assert outcome.status == FAILED and "expected min_ndim=3, found ndim=2" in outcome.message
    assert "(None, 100)" in outcome.message
    assert "keras.Input(shape=(100,))" in broken_source(SIGNAL, spec, outcome)


def test_keras2_input_shape_keyword_runs_the_same_mistake():
    """Keras 2's `input_shape=(28, 28, 1)` on the first layer: the same case, Keras's same words, and "Try it"
    writes it into that keyword (tests/test_fix_loop_styles.py applies the fix after it in three import styles)."""
    spec = spec_of(KERAS2)
    (outcome,) = [o for o in outcomes_for(spec) if o.key == "missing_channel"]
    assert outcome.status == FAILED and "expected min_ndim=4, found ndim=3" in outcome.message
    assert broken_source(KERAS2, spec, outcome) == KERAS2.replace("input_shape=(28, 28, 1)", "input_shape=(28, 28)")


def _keras_builds(code: str):
    spec = spec_of(code)
    desc = describe(spec)
    assert desc.failure is None
    built = build(spec, desc)
    assert built.failure is None
    return tuple(built.model.outputs[0].shape)


@pytest.mark.parametrize("key", ["missing_channel", "too_many_pools"])
def test_try_it_then_the_fix_loop_builds(key, mnist_outcomes):
    """"Try it" writes the mistake into the code; the page then fails with diagnose's fix, the same fix
    break-it showed; "Apply the fix" writes it, and Keras builds the whole model."""
    spec = spec_of(MNIST)
    outcome = mnist_outcomes[key]
    broken = broken_source(MNIST, spec, outcome)
    broken_spec = spec_of(broken)
    failure = describe(broken_spec).failure
    assert failure is not None and failure.message == outcome.message
    assert (failure.fix.key, failure.fix.code) == (outcome.fix.key, outcome.fix.code)
    assert failure.cause.key == outcome.failure.cause.key
    fixed = apply_fix(broken, broken_spec, failure)
    assert fixed is not None
    assert _keras_builds(fixed) == (None, 10)


def test_dense_without_flatten_fix_builds(mnist_outcomes):
    spec = spec_of(MNIST)
    outcome = mnist_outcomes["dense_without_flatten"]
    broken = broken_source(MNIST, spec, outcome)
    assert "layers.Flatten()" not in broken
    assert _keras_builds(broken) == (None, 5, 5, 10)  # nothing fails: that is the mistake
    broken_spec = spec_of(broken)
    fixed = apply_edit(broken, broken_spec, outcome.fix.edit, outcome.fix.code)
    assert "layers.Flatten()," in fixed
    assert _keras_builds(fixed) == (None, 10)


# -- each case said once on the page -----------------------------------------------------------------
def panel_app(lang: str):
    import streamlit as st

    from explorer.live.breakit import outcomes_for
    from explorer.reader.code import read_code
    from explorer.ui import breakit_any_panel

    if "code" not in st.session_state:
        st.session_state["code"] = MNIST
    breakit_any_panel.render(outcomes_for(read_code(st.session_state["code"]).spec), lang, code_available=True)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_case_is_explained_once(lang, mnist_outcomes):
    from streamlit.testing.v1 import AppTest

    from explorer.ui.breakit_any_panel import cause_text, title
    from explorer.ui.failure_panel import fix_text

    at = AppTest.from_function(panel_app, args=(lang,), default_timeout=120)
    at.session_state["code"] = MNIST
    at.run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert len(labels) == len(MNIST_CASES)
    texts = labels + [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    page = "\n".join(texts)
    for key in MNIST_CASES:
        outcome = mnist_outcomes[key]
        assert labels.count(title(outcome, lang)) == 1
        cause = cause_text(outcome, lang)
        assert cause and page.count(cause) == 1, (key, cause)
        if outcome.fix is not None:
            fix = fix_text(outcome.fix, lang)
            assert page.count(fix) == 1, (key, fix)
            assert cause not in fix and fix not in cause
        assert cause not in title(outcome, lang)
    for key in ("missing_channel", "too_many_pools", "dense_without_flatten"):  # one cause, one fix, one each
        assert sum(t.startswith(("Cause:", "原因：")) for t in texts
                   if mnist_outcomes[key].why_key and cause_text(mnist_outcomes[key], lang) in t) == 1
    silent = [w.value for w in at.warning if "(None, 5, 5, 10)" in w.value]
    assert len(silent) == 1 and "(None, 10)" in silent[0]
    assert len(at.button) == 3  # "Try it" for the three model mistakes
