"""The Keras 3 traps in the question's code, reproduced live so the page shows Keras's own words."""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import keras
from keras import layers


@dataclass(frozen=True)
class Trap:
    key: str  # input_length | unbuilt_summary | undefined_name
    message: str  # what Keras or Python said


def input_length_warning() -> Trap:
    """Embedding(..., input_length=50) on Keras 3: the argument is ignored with a warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            layers.Embedding(10, 2, input_length=50, name="trap_embedding")
        except Exception as exc:  # a future Keras may refuse it outright
            return Trap("input_length", f"{type(exc).__name__}: {exc}")
    text = "; ".join(str(w.message) for w in caught if "input_length" in str(w.message))
    return Trap("input_length", text or "(no warning: this Keras accepts input_length)")


def unbuilt_summary() -> Trap:
    """A Sequential model without an Input: summary() cannot know any shape yet."""
    model = keras.Sequential([
        layers.Embedding(10, 2, name="trap_embedding"),
        layers.Dense(3, name="trap_dense"),
    ], name="trap_sequential")
    out = io.StringIO()
    model.summary(print_fn=lambda line, *args, **kwargs: out.write(line + "\n"))
    lines = [ln for ln in out.getvalue().splitlines() if "trap_" in ln or "params" in ln.lower()]
    return Trap("unbuilt_summary", "\n".join(lines))


def _question_call(sample_build, embed_dim, voc_size, size_batch, count_classes):
    """The question's last line, as written: `rnn_units` is never defined (Python raises at the call)."""
    return sample_build(embed_dim, voc_size, size_batch, rnn_units, count_classes)  # noqa: F821


def undefined_name() -> Trap:
    """The question calls sample_build(..., rnn_units, ...) but only defined lstm_units."""
    try:
        _question_call(lambda *args: None, 64, 10000, 30, 5)
    except NameError as exc:
        return Trap("undefined_name", f"NameError: {exc}")
    return Trap("undefined_name", "")


def all_traps() -> list[Trap]:
    return [input_length_warning(), unbuilt_summary(), undefined_name()]
