"""The panel "Your data and your loss" on the whole page, through AppTest: offered only for code with training code,
computed only when opened; keras.io's MNIST convnet runs (and Keras 3 adds the channel axis the script leaves out);
the question's tagger with (N, 50) tag ids and categorical_crossentropy fails with Keras's words, and "Apply the fix
to my code" rewrites compile's line, says what changed, and the check then runs; in English and in 中文."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from urllib.parse import parse_qsl, urlsplit

from conftest import run_page as run
from page_tables import page_table
from test_reader_training import MNIST, TAGGER

pytestmark = pytest.mark.usefixtures("empty_caches")
HEADER = "Your data and your loss: what fit will meet"
HEADER_ZH = "你的数据和损失函数：fit 将会遇到什么"


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def pasted(code: str, query: dict | None = None) -> AppTest:
    at = run(query)
    at.text_area(key="code").input(code).run()
    assert not at.exception
    return at


def opened(at: AppTest) -> AppTest:
    at.session_state["open_fit"] = True
    at.run()
    assert not at.exception
    return at


def test_the_keras_io_mnist_convnet_runs():
    at = pasted(MNIST)
    assert HEADER in [e.label for e in at.expander]
    assert not at.success  # closed: nothing computed, nothing said
    at = opened(at)
    said = texts(at)
    assert "**x** `(60000, 28, 28, 1)`, float32: floats (from `keras.datasets.mnist.load_data()`, line 7)" in said
    assert "**y** `(60000, 10)`, float64: one-hot rows of width 10" in said
    assert "**loss** `categorical_crossentropy` (compile, line 28)" in said
    assert [s.value for s in at.success] == ["`fit` runs with this data and this loss: real Keras made the call on 2 "
                                             "rows without an error."]
    assert "Nothing was changed silently" in said and not at.error


def test_keras_3_adds_the_channel_axis_the_script_leaves_out():
    at = opened(pasted(MNIST.replace("x_train = np.expand_dims(x_train, -1)\n", "")))
    said = texts(at)
    assert "**x** `(60000, 28, 28)`" in said and at.success
    assert ("Keras 3 added a last axis of size 1 to the data: (60000, 28, 28) entered the input (None, 28, 28, 1). "
            "No fix needed") in said


def test_the_tagger_with_tag_ids_fails_then_apply_makes_it_run():
    at = opened(pasted(TAGGER))
    assert [e.value for e in at.error] == ["`fit` stops at line 18: real Keras raised an error on 2 rows of these "
                                           "shapes."]
    codes = [c.value for c in at.code]
    assert ("Arguments `target` and `output` must have the same rank (ndim). Received: target.shape=(None, 50), "
            "output.shape=(None, 50, 6)") in codes
    meets = page_table(at, "fit_meets")
    assert meets["shape"].tolist() == ["(1000, 50)", "(30, 50)", "(30, 50, 6)", "(1000, 50)"]
    assert meets["named axes"].tolist() == ["(N, T)", "(B, T)", "(B, T, C)", "(N, T)"]
    said = texts(at)
    assert "**Why:** The labels (None, 50) are class ids, but categorical_crossentropy wants one-hot rows of width 6" \
        in said
    assert "loss='sparse_categorical_crossentropy'" in codes and "keras.utils.to_categorical(y_train, 6)" in codes
    before = at.text_area(key="code").value
    at.button(key="fit.apply_fix").click().run()
    assert not at.exception
    after = at.text_area(key="code").value
    assert after == before.replace('loss="categorical_crossentropy"', "loss='sparse_categorical_crossentropy'")
    assert "line 17" in texts(at) and "sparse_categorical_crossentropy" in texts(at)  # what changed, at the top
    assert at.session_state["open_fit"] and at.success and not at.error  # the panel, still open, now runs


def test_the_other_fix_writes_to_categorical_into_fit():
    at = opened(pasted(TAGGER))
    at.button(key="fit.apply_other").click().run()
    assert not at.exception
    assert "model.fit(x_train, keras.utils.to_categorical(y_train, 6), batch_size=30, epochs=3)" in \
        at.text_area(key="code").value
    assert at.success and not at.error


def test_code_without_training_lines_has_no_panel():
    at = run({"preset": "image_cnn"})
    assert HEADER not in [e.label for e in at.expander]
    at = pasted(MNIST.split("batch_size = 128")[0])
    assert HEADER not in [e.label for e in at.expander] and "open_fit" not in at.session_state


def test_in_chinese():
    at = opened(pasted(TAGGER, {"lang": "zh"}))
    assert HEADER_ZH in [e.label for e in at.expander]
    assert [e.value for e in at.error] == ["`fit` 在第 18 行停止：真实的 Keras 在这些形状的 2 行数据上报错了。"]
    said = texts(at)
    assert "**原因：**标签 (None, 50) 是类别编号" in said and "**最小的修正：**" in said
    assert page_table(at, "fit_meets").columns.tolist() == ["角色", "名称", "形状", "命名轴"]
    assert at.button(key="fit.apply_fix").label == "把修正应用到我的代码"


def test_not_run_says_why():
    """The question's code as posted compiles with a loss but fits on data it never makes: nothing to feed."""
    at = run({"preset": "question"})
    assert HEADER in [e.label for e in at.expander]
    at = opened(at)
    assert [i.value for i in at.info if i.value.startswith("Not checked")] == [
        "Not checked: The training code gives no data to check."]
    assert "**loss** `categorical_crossentropy` (compile, line 25)" in texts(at) and not at.error


SEQUENCES = '''import numpy as np
import keras
from keras import layers

x_train = np.random.rand(500, 5, 3)
y_train = np.random.randint(0, 4, size=(500,))
model = keras.Sequential([
    keras.Input((5, 3)),
    layers.LSTM(4, return_sequences=True),
    layers.Dense(4, activation="softmax"),
])
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
model.fit(x_train, y_train, epochs=2)
'''


def test_a_model_fix_is_applied_as_the_fix_loop_writes_it():
    at = opened(pasted(SEQUENCES))
    codes = "\n".join(c.value for c in at.code)
    assert at.error and "Argument `output` must have rank (ndim) `target.ndim - 1`" in codes
    at.button(key="fit.apply_fix").click().run()
    assert not at.exception
    assert at.text_area(key="code").value == SEQUENCES.replace("return_sequences=True", "return_sequences=False")
    assert "line 9" in texts(at) and at.success and not at.error


def test_the_default_page_shows_the_data_path_and_the_switch_makes_the_labels_one_hot():
    at = run()
    path = page_table(at, "data_path")
    assert path["shape"].tolist() == ["(900, 50)", "(30, 50)", "(30, 50, 6)", "(900, 50)", "(900, 50, 6)"]
    assert path["named axes"].tolist() == ["(N, T)", "(B, T)", "(B, T, C)", "(N, T)", "(N, T, C)"]
    assert path["what it holds"].tolist()[-2:] == ["class ids 0..5",
                                                   "categorical_crossentropy wants one-hot rows of width 6"]
    assert path["role"].tolist() == ["x, from line 25", "input tokens", "output time_distributed",
                                     "y, from line 26", "the loss (line 30)"]  # where the values come from
    assert not at.success and not at.error  # read, not run: Keras runs when the panel is opened
    at.sidebar.toggle(key="one_hot_labels").set_value(True).run()
    assert "one_hot_labels = True" in at.text_area(key="code").value
    path = page_table(at, "data_path")
    assert path["shape"].tolist()[3] == "(900, 50, 6)"
    assert path["what it holds"].tolist()[3] == "one-hot rows of width 6"
    at = opened(at)
    assert [s.value for s in at.success][:1] == ["`fit` runs with this data and this loss: real Keras made the call on "
                                                 "2 rows without an error."]
    at.sidebar.selectbox(key="lang").set_value("zh").run()
    assert page_table(at, "data_path")["形状"].tolist()[3] == "(900, 50, 6)"
    assert "one_hot_labels = True" in at.text_area(key="code").value  # the switch survives the language


# -- "Your data": typed where the code gives none, bound to the link ------------------------------------------------
def test_typed_data_meets_the_questions_loss_and_travels_in_the_link():
    at = run({"preset": "question"})  # compile names a loss, the code gives no data
    assert "Your data" in [s.value for s in at.sidebar.subheader]
    at.sidebar.text_input(key="x_shape").input("1000x50").run()
    at.sidebar.text_input(key="y_shape").input("1000, 50").run()
    path = page_table(at, "data_path")
    assert path["shape"].tolist() == ["(1000, 50)", "(30, 50)", "(30, 50, 6)", "(1000, 50)", "(1000, 50, 6)"]
    at = opened(at)
    assert at.error and any("must have the same rank" in c.value for c in at.code)
    link = next(w.value for w in at.sidebar.text_input if w.key == "share_link")
    assert "x_shape=1000x50&y_shape=1000x50&lang" in link  # y holds class ids unless changed
    again = opened(run(dict(parse_qsl(urlsplit(link).query))))  # the link restores the data and the check
    assert page_table(again, "data_path")["shape"].tolist()[0] == "(1000, 50)" and again.error
    again.sidebar.selectbox(key="y_holds").set_value("one_hot").run()
    again.sidebar.text_input(key="y_shape").input("1000x50x6").run()
    assert again.success and not again.error


def test_typed_data_with_a_typed_loss_for_a_model_without_training_code():
    at = run({"preset": "image_cnn"})
    assert HEADER not in [e.label for e in at.expander]  # nothing typed: nothing to check
    at.sidebar.text_input(key="x_shape").input("60000x784").run()  # flattened images into a convnet
    at.sidebar.selectbox(key="loss").set_value("sparse_categorical_crossentropy").run()
    at.sidebar.text_input(key="y_shape").input("60000").run()
    assert HEADER in [e.label for e in at.expander]
    at = opened(at)
    assert at.error and "would stop" in at.error[0].value and any("Invalid input shape" in c.value for c in at.code)


def test_forged_and_hostile_data_values_are_named_never_used():
    at = run({"x_shape": "0x5", "y_shape": "9" * 40, "y_holds": "<script>", "loss": "os.system", "preset": "question"})
    assert not at.exception
    warned = " ".join(w.value for w in at.warning)
    assert warned.count("it was ignored") == 4 and "<script>" not in warned
    assert "data_path" not in "".join(m.value for m in at.markdown)
    at.sidebar.text_input(key="x_shape").input("9999999999x50").run()  # past the size bound: said, not allocated
    assert not at.exception and any("x_shape" not in e.value for e in at.sidebar.error)
