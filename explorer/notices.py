"""What the page says about an input it could not use as sent (a widget value, a URL parameter), and how the
reader's notes are grouped: the lines that do not touch the model said once, by topic (group_notes)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    """One input that could not be used as sent; the page shows it as `notice.<kind>` in its language.

    kind: clamped | not_integer | unknown_choice | unknown_key | repeated | breaks_code | preset_unknown |
    code_bad | shape_bad | shape_unused. field: the input's name; raw: what was sent (shortened); used: what the
    page used instead.
    """

    field: str
    kind: str
    raw: str
    used: str


# -- the reader's notes, grouped: what was ignored is said once, what went wrong one note each ------------
IGNORED_KEYS = frozenset({  # reader notes that only say a line (or part of one) does not touch the model
    "read.import_ignored", "read.ignored_statement", "read.attr_write_ignored", "read.ignored_call",
    "read.call_outside_model", "read.name_unreadable", "read.class_item_ignored", "read.call_arg_ignored",
})
# (topic, words of the call's dotted name, any of which puts an ignored line in that topic); first match wins
_TOPIC_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("training", frozenset({"compile", "fit", "fit_generator", "evaluate", "predict", "predict_classes",
                            "train_on_batch", "test_on_batch", "save", "save_weights", "load_weights", "callbacks",
                            "optimizers", "losses", "metrics", "export"})),
    ("printing", frozenset({"print", "summary", "plot", "plot_model", "show", "imshow", "figure", "subplot",
                            "subplots", "title", "xlabel", "ylabel", "legend", "savefig", "pyplot", "display",
                            "pprint", "tight_layout"})),
    ("data", frozenset({"load_data", "datasets", "to_categorical", "pad_sequences", "astype", "reshape",
                        "expand_dims", "read_csv", "train_test_split", "fit_on_texts", "texts_to_sequences",
                        "image_dataset_from_directory", "text_dataset_from_directory", "array", "asarray", "random",
                        "load", "preprocessing", "utils", "normalize", "shuffle", "batch", "prefetch", "map"})),
)
TOPICS = ("imports", "data", "training", "printing", "other")  # the order a group names its topics in


def note_topic(note) -> str:
    """What an ignored line was about: imports | data | training | printing | other. A name that could not
    be read comes from data the code loads (a dataset, an array)."""
    if note.key == "read.import_ignored":
        return "imports"
    if note.key == "read.name_unreadable":
        return "data"
    words = set(note.param("call").lower().replace("(", ".").split("."))
    for topic, known in _TOPIC_WORDS:
        if words & known:
            return topic
    return "other"


@dataclass(frozen=True)
class NoteGroups:
    """The reader's notes as the page shows them: `single` one note each (errors, warnings, and the notes
    that teach something), in line order; `ignored` the notes of lines that do not touch the model, said
    as one note (`lines` distinct lines, about `topics`) with the details on demand."""

    single: tuple
    ignored: tuple
    topics: tuple[str, ...]

    @property
    def lines(self) -> int:
        return len({n.line for n in self.ignored})


def group_notes(notes) -> NoteGroups:
    """notes: explorer.spec.Note values, in any order."""
    ordered = sorted(notes, key=lambda n: (n.line, n.col))
    ignored = tuple(n for n in ordered if n.severity == "info" and n.key in IGNORED_KEYS)
    single = tuple(n for n in ordered if not (n.severity == "info" and n.key in IGNORED_KEYS))
    found = {note_topic(n) for n in ignored}
    return NoteGroups(single, ignored, tuple(topic for topic in TOPICS if topic in found))
