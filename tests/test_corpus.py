"""Every model in tests/corpus/ read by the code reader and described, against the same model
built by real Keras: layer names, every output shape, every parameter count, or the layer that
fails and Keras's own words.

The corpus files are our own test data, never user input: the session's Keras process
(tests/keras_worker.py) runs them all (`keras.backend.clear_session()` between files). An unbuilt
Sequential is built on the input shape the reader inferred; an undefined name the reader guessed
(rnn_units -> lstm_units) is renamed the same way first, so Keras is asked about the model the reader shows.

The question's code as posted (the preset explorer/presets/question.py) is run with them; it builds. The
first line of each corpus file states what Keras does:
    # expect: builds
    # expect: fails at <layer>: <words in Keras's error>
    # expect: fails at <layer>: <words in Keras's error> | ours: <layer>: <words in our message>
The "ours" part is for a rule the explorer checks before Keras would fail (Flatten of an unknown
length is refused at the flatten, Keras only fails at the Dense after it).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from explorer import presets
from explorer.layers import REGISTRY, get_kind
from explorer.reader.code import read_code
from explorer.reader.code_names import snake_case
from explorer.shapes import describe
from keras_worker import KerasWorker  # the session's one Keras process (tests/keras_worker.py)

CORPUS = Path(__file__).resolve().parent / "corpus"
QUESTION = Path(presets.__file__).resolve().parent / "question.py"  # the question's code as posted
FILES = sorted(CORPUS.glob("*.py")) + [QUESTION]
_EXPECT = re.compile(r"# expect: (?:(builds)|fails at (\S+): (.+?)(?: \| ours: (\S+): (.+))?)\s*$")


def expectation(path: Path) -> tuple:
    match = _EXPECT.match(path.read_text().splitlines()[0])
    assert match, f"{path.name}: the first line must state the expectation"
    return match.groups()


def _reading(path: Path):
    result = read_code(path.read_text())
    renames = {n.param("name"): n.param("guess") for n in result.notes if n.key == "read.undefined_name_guess"}
    return result, renames


@pytest.fixture(scope="module")
def corpus():
    """Every corpus file read here, each sent to the Keras process as soon as it is read (it builds it with
    Keras while this process reads the next ones), then described while the process finishes."""
    worker = KerasWorker()
    readings = {}
    try:
        for path in FILES:
            result, renames = _reading(path)
            readings[path.name] = result
            build = ([None] + list(result.spec.inputs[0].shape)
                     if result.spec is not None and result.spec.inputs else None)
            worker.send(file={"path": path.name, "source": path.read_text(), "renames": renames, "build": build})
        for cls, kind in sorted(REGISTRY.items()):
            if kind.examples and not kind.operation and not kind.given_shape:  # only the reader makes these
                example = kind.examples[0]
                worker.send(name=[cls, example.args, list(example.inner) if example.inner else None])
        descriptions = {name: describe(r.spec) if r.spec is not None else None for name, r in readings.items()}
        keras_results = worker.results()
    finally:
        worker.close()
    return readings, descriptions, keras_results


def test_corpus_is_big_enough():
    expects = [expectation(path) for path in FILES if path != QUESTION]
    assert len(expects) >= 25
    assert sum(1 for e in expects if e[0] is None) >= 8


def _same_shape(ours: tuple, theirs: list, batch: int | None) -> bool:
    if len(ours) != len(theirs) or tuple(ours[1:]) != tuple(theirs[1:]):
        return False
    return ours[0] == theirs[0] or (theirs[0] is None and ours[0] in (None, batch))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_corpus_file_matches_keras(path, corpus):
    builds, keras_layer, keras_words, our_layer, our_words = (
        ("builds", None, None, None, None) if path == QUESTION else expectation(path))
    readings, descriptions, keras_results = corpus
    result, description = readings[path.name], descriptions[path.name]
    assert result.spec is not None, [(n.line, n.key, n.params) for n in result.notes]
    keras_side = keras_results["files"][path.name]
    if builds:
        assert keras_side["ok"], keras_side
        assert description.failure is None, description.failure
        subclassed = keras_side["output"] is not None  # Keras has no input layer of its own there
        ours = {step.name: step for step in description.steps if not (subclassed and step.cls == "InputLayer")}
        # a class's call may make layers (layers.Add()([a, b])) that Keras does not keep: no weights, no row
        untracked = {n for g in description.groups if g.what in ("custom_layer", "subclassed_model")
                     for n in g.members if n not in keras_side["nodes"] and ours.get(n) and ours[n].params == 0}
        # a shape given (a Lambda or a class of the file the page cannot read): one box, Keras's one row for it
        given = {name for name, step in ours.items() if get_kind(step.cls) and get_kind(step.cls).given_shape}
        assert sorted(set(ours) - untracked - given) == sorted(keras_side["nodes"])
        groups = {group.name: group for group in description.groups} | {name: ours[name] for name in given}
        assert sorted(groups) == sorted(keras_side["groups"])
        for name, theirs in list(keras_side["nodes"].items()) + list(keras_side["groups"].items()):
            mine = ours[name] if name in ours else groups[name]
            assert mine.params == theirs["params"], name
            if theirs["shapes"] is not None:
                for shape, keras_shape in zip(mine.output_shapes, theirs["shapes"], strict=True):
                    assert _same_shape(shape, keras_shape, result.spec.batch_size), (name, shape, keras_shape)
        if subclassed:
            last = [description.step(name).output_shapes for name in description.outputs]
            assert [_same_shape(s[0], k, result.spec.batch_size) for s, k in zip(last, keras_side["output"])] \
                == [True] * len(keras_side["output"]), (last, keras_side["output"])
        return
    assert not keras_side["ok"], f"Keras built {path.name}, which expects a failure"
    assert keras_side["layer"] == keras_layer, keras_side
    assert keras_words.lower() in keras_side["error"].lower(), keras_side["error"]
    failure = description.failure
    assert failure is not None, "the explorer described the model without a failure"
    assert failure.layer == (our_layer or keras_layer)
    assert (our_words or keras_words).lower() in failure.message.lower(), failure.message
    if our_layer and our_layer != keras_layer:  # refused by the explorer's own check, before Keras would fail
        assert failure.origin == "explorer"


def test_question_builds_the_same_model_as_keras(corpus):
    """The question's code, with rnn_units read as lstm_units and built on (None, 50): 740,406 parameters."""
    nodes = corpus[2]["files"][QUESTION.name]["nodes"]
    assert sum(node["params"] for node in nodes.values()) == 740_406
    assert nodes["time_distributed"]["shapes"] == [[None, 50, 6]]


def test_automatic_names_are_keras_names(corpus):
    """The reader's name for each registered layer class is the name Keras 3 gives it."""
    names = corpus[2]["names"]
    assert len(names) >= len([kind for kind in REGISTRY.values() if not kind.operation and not kind.given_shape]) - 1
    for cls, keras_name in names.items():
        assert snake_case(cls) == keras_name, cls
