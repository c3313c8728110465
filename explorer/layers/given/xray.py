"""The X-ray of a box whose shape the code gave: the page never runs the learner's function, so the live model
holds a fixed stand-in there (explorer/layers/given/layer.py). The X-ray recomputes that stand-in with numpy
from its seed and checks it is what flows out, number by number, and says what it is not: the function's
numbers. The weights a build made (zeros here) are listed with their shapes."""
from __future__ import annotations

import numpy as np

from ...description import shape_text
from ...live.base import LayerCall, Line, Text, XRay, check, clamp, heat_at, index_text
from ..reshaping.xray import grid_at


def stand_in(shape: tuple[int, ...], batch: int, seed: int) -> np.ndarray:
    """The live model's stand-in for a batch: one seeded pattern of `shape`, the same for every sample."""
    pattern = np.random.default_rng(seed).uniform(-1.0, 1.0, size=shape).astype("float32")
    return np.broadcast_to(pattern[None], (batch,) + tuple(shape))


def given_xray(call: LayerCall) -> XRay:
    y = call.y
    pick = call.picked()
    expected = stand_in(y.shape[1:], y.shape[0], int(call.layer.seed))
    label = str(dict(call.spec.args).get("label") or "Lambda")
    checks = (check("xray.given.check", expected, y, n=y.shape[0]),)
    code = (Line(f"pattern = np.random.default_rng({int(call.layer.seed)}).uniform(-1, 1, {y.shape[1:]!r})",
                 Text.of("xray.given.code.pattern", shape=shape_text(y.shape[1:]))),
            Line("out = np.broadcast_to(pattern, (B,) + pattern.shape)", shape_text(y.shape)))
    notes = (Text.of("xray.given.followed", out=index_text(pick), value=f"{float(y[pick]):.6g}"),)
    weights = dict(call.spec.args).get("weights") or ()
    if weights:
        notes += (Text.of("xray.given.weights", weights="; ".join(f"{name} {shape_text(tuple(shape))}"
                                                                  for name, shape in weights)),)
    summary = Text.of("xray.given.summary", name=call.spec.name, cls=label, shape=shape_text(y.shape))
    grids = (grid_at("xray.given.grid_out", y, pick, "out"),)
    x = call.x  # what the function would have read: shown, never used
    heats = (heat_at("xray.given.heat_in", x, clamp(pick, x.shape), "x", call.in_axes, mark=None),
             heat_at("xray.given.heat_out", y, pick, "out", call.out_axes))
    return XRay(call.spec.name, label, summary, code, checks, grids, notes, heats)
