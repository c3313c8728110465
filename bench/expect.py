"""What the page must show, worked out by hand (no TensorFlow in the bench's process), and the models it is given.

Every string is whitespace-free ("squashed"): the page's text is squashed before it is searched.
- the question's tagger for a Config: the layer table's rows (class, input shape, output shape), the diagram's
  weight label, and the X-ray of its Dense layer (the X-ray panel's default layer);
- a pasted 30-layer model (Dense, LayerNormalization, Conv1D, Dropout, LSTM, six times), whose shapes follow
  from its numbers: each Dense / Conv1D(padding="same") / LSTM(return_sequences=True) sets the last axis.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tagger_config import Config
from explorer.presets import preset_code

FIELDS = ("vocab_size", "embed_dim", "seq_len", "lstm_units", "dense_units", "count_classes", "batch_size")


def shape(*dims: int) -> str:
    return "(" + ",".join(str(d) for d in dims) + ")"


def squash(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class Expect:
    """Strings the page shows once it is current: in the layer table (`rows`; `row_count` body rows, the
    table's data-rows), the diagram's text, the X-ray panel's text (when open), and the sidebar's number inputs."""

    rows: tuple[str, ...]
    row_count: int
    diagram: tuple[str, ...] = ()
    xray: tuple[str, ...] = ()
    inputs: tuple[tuple[str, int], ...] = ()


def tagger(cfg: Config) -> Expect:
    b, t, e, f, u, c = cfg.batch_size, cfg.seq_len, cfg.embed_dim, cfg.features, cfg.dense_units, cfg.head_units
    rows = (f"tokensInputLayer{shape(b, t)}",  # the input row shows only its output
            f"Embedding{shape(b, t)}{shape(b, t, e)}", f"Bidirectional{shape(b, t, e)}{shape(b, t, f)}",
            f"Dense{shape(b, t, f)}{shape(b, t, u)}", f"TimeDistributed{shape(b, t, u)}{shape(b, t, c)}",
            # the formula column names V, so a change of any field changes the table
            f"V×E={cfg.vocab_size:,}×{e}")
    diagram = (f"embeddings{shape(cfg.vocab_size, e)}", f"kernel{shape(f, u)}", shape(b, t, c))
    xray = (f"({b * t},{f})", f"W{shape(f, u)}")  # Dense: x.reshape(-1, F) is (B·T, F); kernel (F, U)
    layers = 5  # tokens, embedding, bidirectional, dense, time_distributed
    return Expect(rows, layers, diagram, xray, tuple((name, getattr(cfg, name)) for name in FIELDS))


def tagger_code(cfg: Config) -> str:
    """The tagger preset with this configuration's numbers, as a learner would paste it."""
    code = preset_code("tagger")
    for name, value in cfg.as_dict().items():
        literal = repr(value) if isinstance(value, int) else f'"{value}"'
        code, count = re.subn(rf"^{name} = .*$", f"{name} = {literal}", code, flags=re.M)
        assert count == 1, name
    return code


LAYERS_30 = ('layers.Dense({u}, name="l{i:02d}")', 'layers.LayerNormalization(name="l{i:02d}")',
             'layers.Conv1D({u}, 3, padding="same", name="l{i:02d}")', 'layers.Dropout(0.1, name="l{i:02d}")',
             'layers.LSTM({u}, return_sequences=True, name="l{i:02d}")')
CLASSES_30 = ("Dense", "LayerNormalization", "Conv1D", "Dropout", "LSTM")
FEATURES_30 = 16


def thirty_layers(seq_len: int, units: int, batch: int = 8) -> tuple[str, Expect]:
    """Code of a 30-layer Sequential model (layer i sets the last axis to units + i where it can), and the
    rows of its table with their count (the input and the 30 layers)."""
    lines, rows, last = [], [f"seqInputLayer{shape(batch, seq_len, FEATURES_30)}"], FEATURES_30
    for i in range(1, 31):
        kind = (i - 1) % len(LAYERS_30)
        lines.append(LAYERS_30[kind].format(u=units + i, i=i))
        out = units + i if CLASSES_30[kind] in ("Dense", "Conv1D", "LSTM") else last
        rows.append(f"l{i:02d}{CLASSES_30[kind]}{shape(batch, seq_len, last)}{shape(batch, seq_len, out)}")
        last = out
    body = "".join(f",\n    {line}" for line in lines)
    code = ("import keras\nfrom keras import layers\n\nmodel = keras.Sequential([\n"
            f"    keras.Input(shape=({seq_len}, {FEATURES_30}), batch_size={batch}, name=\"seq\"){body},\n])\n")
    return code, Expect(tuple(rows), len(rows))
