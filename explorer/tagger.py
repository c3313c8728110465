"""Is this model the question's tagger? Then the panels written for it (live demonstrations,
X-rays, break-it, traps, the three answers) apply, with this model's numbers.

Tagger: Input (T,) int → Embedding(V, E) → Bidirectional(LSTM(H, return_sequences=True), merge_mode)
→ Dense(U) → TimeDistributed(Dense(C)), default activations and biases, sizes within Config's bounds.
"""
from __future__ import annotations

from .config import MERGE_MODES, Config
from .spec import LayerSpec, ModelSpec

_PLAIN = {"activation": (None, "linear"), "use_bias": (True,)}
_DEFAULT_BATCH = 30


def _plain(layer: LayerSpec, allowed: set[str]) -> bool:
    """Only these arguments, and the neutral ones at their defaults."""
    for key, value in layer.args:
        if key in allowed:
            continue
        if key in _PLAIN and value in _PLAIN[key]:
            continue
        return False
    return True


def tagger_config(spec: ModelSpec | None) -> Config | None:
    """The Config of this model if it is the question's tagger, else None."""
    if spec is None or len(spec.inputs) != 1 or len(spec.layers) != 4 or len(spec.outputs) != 1:
        return None
    inp = spec.inputs[0]
    if len(inp.shape) != 1 or inp.shape[0] is None or not inp.dtype.startswith("int"):
        return None
    emb, bi, dense, head = spec.layers
    chain = [inp.name, emb.name, bi.name, dense.name]
    if [l.inputs for l in spec.layers] != [((n, None),) for n in chain] and \
            [l.inputs for l in spec.layers] != [((n, 0),) for n in chain]:
        return None
    if spec.outputs[0][0] != head.name:
        return None
    lstm = bi.inner
    kinds = (emb.kind, bi.kind, lstm.kind if lstm else "", dense.kind, head.kind,
             head.inner.kind if head.inner else "")
    if kinds != ("Embedding", "Bidirectional", "LSTM", "Dense", "TimeDistributed", "Dense"):
        return None
    if not (_plain(emb, {"input_dim", "output_dim", "input_length"}) and _plain(bi, {"merge_mode"})
            and _plain(lstm, {"units", "return_sequences"}) and _plain(dense, {"units"})
            and _plain(head, set()) and _plain(head.inner, {"units"})):
        return None
    if not lstm.arg("return_sequences", False) or bi.arg("merge_mode", "concat") not in MERGE_MODES:
        return None
    batch = spec.batch_size if spec.batch_size is not None else _DEFAULT_BATCH
    try:
        return Config(vocab_size=emb.arg("input_dim"), embed_dim=emb.arg("output_dim"), seq_len=inp.shape[0],
                      lstm_units=lstm.arg("units"), merge_mode=bi.arg("merge_mode", "concat"),
                      dense_units=dense.arg("units"), count_classes=head.inner.arg("units") - 1, batch_size=batch)
    except (ValueError, TypeError):  # outside the bounds the tagger's panels were written for
        return None
