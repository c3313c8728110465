"""The tests of Dense (explorer/layers/dense/): the X-ray and common mistakes on real built models."""

import keras
import numpy as np
import pytest

from explorer.i18n import t
from explorer.layers import get_kind
from explorer.layers.base import ACTIVATIONS
from explorer.layers.dense.xray import dense_mistakes
from explorer.live.activations import activate
from explorer.live.base import TOLERANCE, clamp, code_text, grid, window
from explorer.presets import preset_code
from explorer.reader.code import read_code
from explorer.shapes import describe
from live_models import call_of, live_functions, sequential, traced
from xray_consistency import MNIST, XRayCase, cases_ids, check_xray, marked, note


# -- X-ray and common mistakes (xray.py) -------------------------------------------------------------------
SEQ = sequential('layers.Embedding(100, 8, name="emb")', 'layers.LSTM(5, return_sequences=True, name="lstm")',
                 'layers.Dense(4, activation="relu", name="d")')
FLAT = sequential('layers.Dense(6, name="d")', input_shape="(3,)", dtype="float32")
IMAGE = sequential('layers.Dense(7, activation="tanh", name="d")', input_shape="(4, 5, 3)", dtype="float32", batch=2)


def xray(code: str, name: str = "d", pick: tuple = ()):
    return get_kind("Dense").xray(call_of(code, name, pick))


def test_dense_is_registered_with_its_mistakes(monkeypatch):
    assert live_functions("Dense", monkeypatch) == ("dense_xray", "dense_mistakes")


@pytest.mark.parametrize("code", [SEQ, FLAT, IMAGE])
def test_every_check_matches_the_layer_on_every_element(code):
    call = call_of(code, "d")
    x = xray(code)
    assert len(x.checks) == 3
    assert all(c.diff < TOLERANCE for c in x.checks), [c.diff for c in x.checks]
    assert x.checks[0].size == x.checks[1].size == call.y.size and x.checks[2].size == 1


def test_3d_input_is_reshaped_to_b_times_t_rows():
    x = xray(SEQ, pick=(1, 7, 3))
    params = dict(x.summary.params)
    assert x.summary.key == "xray.dense.summary_nd" and params["N"] == "150" and params["lead"] == "B·T"
    assert "x.reshape(-1, 5)" in x.code and "(150, 5)" in x.code and "out.reshape(3, 50, 4)" in x.code
    follow = dict(x.notes[0].params)
    assert follow["row"] == "57" and follow["formula"] == "1·50 + 7 = 57"  # r = b·T + t
    flat_grid = x.grids[0]
    assert "57" in flat_grid.rows and all(r == flat_grid.rows.index("57") for r, _ in flat_grid.marks)


def test_the_followed_number_is_row_times_column_plus_bias_by_hand():
    call = call_of(SEQ, "d", (2, 10, 1))
    kernel, bias = np.asarray(call.layer.kernel), np.asarray(call.layer.bias)
    by_hand = max(0.0, float(call.x[2, 10] @ kernel[:, 1] + bias[1]))  # relu
    assert by_hand == pytest.approx(float(call.y[2, 10, 1]), abs=1e-6)
    x = xray(SEQ, pick=(2, 10, 1))
    assert dict(x.notes[0].params)["out"] == f"{float(call.y[2, 10, 1]):.6f}"


def test_2d_input_needs_no_reshape_and_4d_input_has_b_h_w_rows():
    flat = xray(FLAT)
    assert flat.summary.key == "xray.dense.summary_2d" and "reshape" not in flat.code.split("#")[0]
    image = xray(IMAGE, pick=(1, 2, 3, 6))
    params = dict(image.summary.params)
    assert params["N"] == "40" and params["lead"] == "B·H·W"  # 2·4·5 rows of (B·H·W, C)
    assert dict(image.notes[0].params)["formula"] == "1·20 + 2·5 + 3 = 33"


def test_picks_out_of_range_are_clamped():
    assert clamp((99, -4, 2), (3, 50, 4)) == (2, 0, 2)
    assert clamp((1,), (3, 5)) == (1, 0) and clamp((1, 2, 3), (4,)) == (1,)
    x = xray(SEQ, pick=(10**9, -10**9, 10**9))
    assert dict(x.notes[0].params)["index"] == "[2, 0, 3]"


def test_grid_windows_stay_inside_the_array():
    assert window(0, 8, 3) == range(0, 3) and window(100, 8, 101) == range(93, 101)
    g = grid(None, np.arange(100.0).reshape(10, 10), 9, 9)  # 8 rows × 7 columns at most
    assert g.rows[-1] == "9" and g.cols == ("3", "4", "5", "6", "7", "8", "9")
    assert g.marks == ((7, 6),) and g.values[7, 6] == 99.0


@pytest.mark.parametrize("name", [a for a in ACTIVATIONS if a is not None])
def test_numpy_activations_are_keras_activations(name):
    x = np.linspace(-4, 4, 41).reshape(1, 41).astype(np.float32)
    ours = activate(name, x)
    theirs = np.asarray(keras.activations.get(name)(x))
    assert np.max(np.abs(ours - theirs)) < 1e-5, name


def test_unknown_activation_skips_the_checks_and_says_so():
    assert activate("not_an_activation", np.zeros(2)) is None


def _tagger():
    spec = read_code(preset_code("tagger")).spec
    desc = describe(spec)
    layer = next(l for l in spec.layers if l.name == "dense")
    return spec, layer, desc.step("dense")


def test_transposed_kernel_mistakes_raise_the_real_errors_on_the_tagger():
    spec, layer, step = _tagger()
    cases = {m.key: m for m in dense_mistakes(spec, layer, step)}
    assert set(cases) == {"transposed_matmul", "transposed_weights"}
    with pytest.raises(ValueError, match="matmul"):
        cases["transposed_matmul"].run()
    with pytest.raises(ValueError, match=r"\(75, 200\)"):
        cases["transposed_weights"].run()
    assert dict(cases["transposed_matmul"].params) == {"F": "75", "U": "200", "layer": "dense"}
    en = {k: code_text(m.code, lambda n: t("en", n.key, **dict(n.params))) for k, m in cases.items()}
    zh = {k: code_text(m.code, lambda n: t("zh", n.key, **dict(n.params))) for k, m in cases.items()}
    assert en["transposed_matmul"].splitlines() == ["flat = x.reshape(-1, 75)  # (N, 75)",
                                                    "flat @ W.T                # W.T is (200, 75), not (75, 200)"]
    assert en["transposed_weights"].splitlines()[0].endswith("# kernel (75, 200) once built on F = 75")
    assert zh["transposed_weights"].splitlines()[1] == "dense.set_weights([W.T, b])  # W.T 是 (200, 75)"


def test_square_kernel_transposed_runs_silently_and_is_wrong():
    code = sequential('layers.Dense(6, name="d")', input_shape="(6,)", dtype="float32")
    spec, desc, _, _ = traced(code)
    layer = next(l for l in spec.layers if l.name == "d")
    cases = {m.key: m for m in dense_mistakes(spec, layer, desc.step("d"))}
    assert cases["transposed_matmul"].run() > 0.1 and cases["transposed_weights"].run() > 0.1


def test_texts_exist_in_both_languages():
    x = xray(SEQ)
    for lang in ("en", "zh"):
        assert t(lang, x.summary.key, **dict(x.summary.params))
        for item in [c.what for c in x.checks] + [g.title for g in x.grids] + list(x.notes):
            assert t(lang, item.key, **dict(item.params))


def test_a_large_batch_is_checked_on_fewer_samples_with_the_followed_one_and_says_so(monkeypatch):
    import explorer.live.base as base

    call = call_of(SEQ, "d", (2, 10, 1))
    per_sample = 50 * (5 + 3 * 4)
    monkeypatch.setattr(base, "XRAY_BYTES", 8 * per_sample)  # room for one sample's float64 copies
    x = get_kind("Dense").xray(call)
    assert x.checks[0].size == 50 * 4 and all(c.diff < TOLERANCE for c in x.checks)
    samples = next(n for n in x.notes if n.key == "xray.dense.samples")
    assert dict(samples.params) == {"first": "2", "last": "2", "B": "3"}


# -- the X-ray agrees with itself (tests/xray_consistency.py) ------------------------------------------------
def _dense_sums(xray, call):
    """The product window's marked cell is the number before the activation; when the whole row of x and the
    whole column of W are shown (F ≤ the window), their products add up to the sum written."""
    follow = note(xray, "xray.dense.follow_2d" if call.x.ndim == 2 else "xray.dense.follow")
    flat, kernel, product = xray.grids[:3]
    yield float(marked(product)[0]), follow["by_hand"]
    yield float(follow["sum"]) + float(follow["bias"]), follow["by_hand"]
    f = call.x.shape[-1]
    if len(flat.marks) == f and len(kernel.marks) == f:
        yield float(marked(flat) @ marked(kernel)), follow["sum"]


XRAY_CASES = [
    XRayCase("mnist-dense-2d", MNIST, "dense", (1, 7), sums=_dense_sums),
    XRayCase("dense-2d-small", FLAT, "d", (2, 4), sums=_dense_sums),
    XRayCase("dense-3d", sequential('layers.Dense(3, name="d")', input_shape="(5, 4)", dtype="float32"), "d",
             (1, 2, 1), sums=_dense_sums),
    XRayCase("dense-4d", IMAGE, "d", (1, 2, 3, 4), sums=_dense_sums),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
