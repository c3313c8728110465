"""Apply the fit check's fix of the training code (explorer.reader.edit.apply_line_fix): for each case of
tests/test_fit_check.py whose fix is a change of the training code (the loss compile names, to_categorical, a
reshape, pad_sequences), the case's model with data lines, compile and fit as a learner writes them is read, checked,
its line fix written in; the new code still reads, and the check then runs."""
from __future__ import annotations

import pytest

from explorer.fit_check import check_fit
from explorer.reader.code import read_code
from explorer.reader.edit import apply_line_fix
from explorer.shapes import describe
from test_fit_check import CASES, HEAD

BY_ID = {c.id: c for c in CASES}
X4 = "x_train = np.random.rand(600, 4).astype('float32')\n"
# the data lines of each case, then its compile and fit; the fixes the check gives: (fix key, other key)
TRAINING = {
    "ids_n1_categorical": X4 + "y_train = np.random.randint(0, 10, size=(600, 1))\n",
    "ids_n_categorical": X4 + "y_train = np.random.randint(0, 10, size=(600,))\n",
    "tagger_ids_categorical": "x_train = np.random.randint(0, 10000, size=(1000, 50))\n"
                              "y_train = np.random.randint(0, 6, size=(1000, 50))\n",
    "one_hot_for_sparse": X4 + "y_train = keras.utils.to_categorical(np.random.randint(0, 10, size=(600,)), 10)\n",
    "flat_into_conv": "(x_train, y_train), _ = keras.datasets.mnist.load_data()\n"
                      "x_train = x_train.reshape(60000, 784).astype('float32') / 255\n",
    "ragged_reviews": "(x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=100)\n",
}


def learner_code(case_id: str) -> str:
    case = BY_ID[case_id]
    model = case.model if "import keras" in case.model else HEAD + case.model
    return ("import numpy as np\n" + model + TRAINING[case_id]
            + f"model.compile(optimizer='adam',\n              loss='{case.loss}', metrics=['accuracy'])\n"
            + "model.fit(x_train, y_train, epochs=3, batch_size=32)\n")


def checked(code: str):
    result = read_code(code)
    assert result.spec is not None and result.training is not None, result.notes
    return check_fit(result.spec, describe(result.spec), result.training, code)


@pytest.mark.parametrize("case_id", TRAINING)
def test_the_line_fix_reads_and_then_fit_runs(case_id):
    code = learner_code(case_id)
    before = checked(code)
    case = BY_ID[case_id]
    assert before.status == "failed" and before.fix.key == case.fix and before.line_fix is not None
    fixes = [before.line_fix] + ([before.other_line_fix] if before.other_line_fix else [])
    assert len(fixes) == (2 if case.other == "fit.fix.to_categorical" else 1)
    for fix in fixes:
        fixed = apply_line_fix(code, fix.first, fix.last, fix.text)
        assert fixed is not None and fixed != code
        old, new = code.splitlines(), fixed.splitlines()
        assert old[:fix.first - 1] == new[:fix.first - 1]  # only those lines changed
        assert old[fix.last:] == new[len(new) - (len(old) - fix.last):]
        after = checked(fixed)
        assert after.status == "ok", (fixed, after.message, after.reason)


def test_a_line_fix_keeps_the_codes_line_breaks_and_refuses_lines_it_has_not():
    code = "a = 1\r\nb = 2\r\nc = 3\r\n"
    assert apply_line_fix(code, 2, 2, "b = 5") == "a = 1\r\nb = 5\r\nc = 3\r\n"
    assert apply_line_fix(code, 2, 3, "b = (2,\n     3)") == "a = 1\r\nb = (2,\r\n     3)\r\n"
    assert apply_line_fix("a\nb", 2, 2, "z") == "a\nz"
    assert apply_line_fix(code, 0, 1, "x") is None and apply_line_fix(code, 3, 9, "x") is None
    assert apply_line_fix(code, 3, 2, "x") is None
    assert apply_line_fix(code, 2, 2, "b = 2") is None  # nothing changes: no button
