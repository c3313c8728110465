"""The answers' list of layers: a layer's name stands in a code span, where markdown escapes would show."""
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.ui.answer_panel import output_lines

CODE = """import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(5, 3), batch_size=2),
    layers.TimeDistributed(layers.Dense(4, name="dense_1"), name="time_distributed"),
])
"""


def test_layer_names_in_code_spans_keep_no_escapes():
    lines = output_lines(describe(read_code(CODE).spec))
    assert "- `time_distributed` (TimeDistributed): **(2, 5, 4)**" in lines
    assert "\\" not in lines
