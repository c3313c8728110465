"""The question's tagger as the bench walks it: one value per named number of the tagger preset."""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Config:
    """The tagger preset's named numbers (explorer/presets/tagger.py), defaults as in the question."""

    vocab_size: int = 10_000
    embed_dim: int = 64
    seq_len: int = 50
    lstm_units: int = 75
    merge_mode: str = "ave"
    dense_units: int = 200
    count_classes: int = 5
    batch_size: int = 30

    @property
    def features(self) -> int:
        """F: width of the BiLSTM output, the Dense layer's input_dim (2H for concat, else H)."""
        return 2 * self.lstm_units if self.merge_mode == "concat" else self.lstm_units

    @property
    def head_units(self) -> int:
        """C: outputs of the head, count_classes + 1 as in the question's code."""
        return self.count_classes + 1

    def as_dict(self) -> dict[str, int | str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
