"""The exported code runs as is and builds exactly the model the app's table describes."""
import os
import re
import subprocess
import sys

import pytest

from explorer.codegen import model_code
from explorer.config import Config
from explorer.describe import describe_config, layer_table
from explorer.dims import shape_text

CONFIGS = [
    Config(),
    Config(merge_mode="concat", lstm_units=128),
    Config(vocab_size=2, embed_dim=1, seq_len=1, lstm_units=1, merge_mode="sum", dense_units=1,
           count_classes=1, batch_size=1),
    Config(vocab_size=777, embed_dim=13, seq_len=9, lstm_units=17, merge_mode="mul", dense_units=31,
           count_classes=11, batch_size=4),
    Config(vocab_size=5000, embed_dim=32, seq_len=20, lstm_units=40, merge_mode="concat", dense_units=64,
           count_classes=3, batch_size=8),
]


def execute(code: str) -> dict:
    namespace = {"__name__": "exported_model"}  # not __main__: skips summary()
    exec(compile(code, "model.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("cfg", CONFIGS, ids=lambda c: f"{c.merge_mode}-{c.lstm_units}-{c.batch_size}")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_exported_code_builds_the_tables_model(cfg, lang):
    code = model_code(cfg, lang)
    model = execute(code)["model"]
    table = layer_table(describe_config(cfg), cfg)
    assert [layer.name for layer in model.layers] == table["layer"].tolist()
    assert [shape_text(tuple(layer.output.shape)) for layer in model.layers] == table["output_shape"].tolist()
    assert [layer.count_params() for layer in model.layers] == table["params"].tolist()
    assert model.count_params() == int(table["params"].sum())


@pytest.mark.parametrize("cfg", CONFIGS[:2])
def test_shape_comments_name_the_dims_and_match_the_table(cfg):
    code = model_code(cfg)
    table = layer_table(describe_config(cfg), cfg)
    found = re.findall(r"# (\w+): (\([A-Z, ]+\)) = (\([0-9, ]+\))", code)
    assert found == list(zip(table["layer"], table["named_output"], table["output_shape"]))
    assert f"#   F = {cfg.features}" in code and f"#   H = {cfg.lstm_units}" in code
    assert f'merge_mode="{cfg.merge_mode}"' in code
    assert "input_length" not in code
    assert 'keras.Input(shape=(seq_len,), batch_size=batch_size, dtype="int32", name="tokens")' in code
    assert f"# {int(table['params'].sum()):,}" in code


def test_exported_code_runs_as_a_script_in_a_fresh_interpreter(tmp_path):
    cfg = CONFIGS[1]
    script = tmp_path / "model.py"
    script.write_text(model_code(cfg, "zh"), encoding="utf-8")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    total = int(layer_table(describe_config(cfg), cfg)["params"].sum())
    assert done.stdout.strip().splitlines()[-1] == str(total)
    assert "(30, 50, 256)" in done.stdout and "time_distributed" in done.stdout
