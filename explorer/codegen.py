"""The current configuration as runnable Keras 3 source code, for the code export panel.

The code builds the same layers the app builds (same names, same merge mode, same shapes) with
`keras.Input(shape=(T,), batch_size=B, dtype="int32")`, so its `model.summary()` shows the
table's shapes. Above each layer is its output shape in named dimensions and in numbers;
tests execute the code and compare it with `explorer.describe.layer_table`. Comments are in the
page's language; the code itself is the same in every language.
"""
from __future__ import annotations

from .config import Config
from .describe import describe_config
from .dims import DIM_ORDER, dim_values, named, shape_text
from .i18n import t
from .model import BILSTM, DENSE, EMBEDDING, HEAD, INPUT

# (variable, Config field, named dimension it sets)
SETTINGS = (
    ("vocab_size", "vocab_size", "V"),
    ("embed_dim", "embed_dim", "E"),
    ("seq_len", "seq_len", "T"),
    ("lstm_units", "lstm_units", "H"),
    ("dense_units", "dense_units", "U"),
    ("count_classes", "count_classes", "C"),
    ("batch_size", "batch_size", "B"),
)


def _layer_lines(cfg: Config) -> dict[str, list[str]]:
    """The statement(s) that create each layer; model_code puts the shape comment above them."""
    return {
        INPUT: [f'inputs = keras.Input(shape=(seq_len,), batch_size=batch_size, dtype="int32", name="{INPUT}")'],
        EMBEDDING: [f'x = layers.Embedding(vocab_size, embed_dim, name="{EMBEDDING}")(inputs)'],
        BILSTM: [
            "x = layers.Bidirectional(",
            '    layers.LSTM(lstm_units, return_sequences=True, name="lstm"),',
            f'    merge_mode="{cfg.merge_mode}", name="{BILSTM}",',
            ")(x)",
        ],
        DENSE: [f'x = layers.Dense(dense_units, name="{DENSE}")(x)'],
        HEAD: [
            "outputs = layers.TimeDistributed(",
            '    layers.Dense(count_classes + 1, name="head_dense"),',
            f'    name="{HEAD}",',
            ")(x)",
        ],
    }


def model_code(cfg: Config, lang: str = "en") -> str:
    """Python source that builds this configuration's model; it defines `model` and runs as is."""
    sizes = dim_values(cfg)
    width = max(len(str(sizes[d])) for d in DIM_ORDER)
    lines = [
        f'"""{t(lang, "code.docstring")}"""',
        "import keras",
        "from keras import layers",
        "",
        f"# {t(lang, 'code.dims_header')}",
    ]
    for d in DIM_ORDER:
        lines.append(f"#   {d} = {sizes[d]:<{width}}  {t(lang, 'dim.' + d)}")
    lines.append(f"# {t(lang, 'code.batch_note')}")
    lines.append("")
    var_width = max(len(v) for v, _, _ in SETTINGS)
    for var, field, dim in SETTINGS:
        value = getattr(cfg, field)
        note = "C = count_classes + 1" if dim == "C" else dim
        lines.append(f"{var:<{var_width}} = {value!r:<{width}}  # {note}")
    lines.append("")
    code = _layer_lines(cfg)
    infos = describe_config(cfg)
    for info in infos:
        stmts = code[info.name]
        comment = f"# {info.name}: {named(info.output_dims)} = {shape_text(info.output_shape)}"
        if info.params:
            comment += f"; {t(lang, 'code.params', params=f'{info.params:,}')}"
        if info.name == BILSTM:
            kind = "concat" if cfg.merge_mode == "concat" else "other"
            comment += f"; {t(lang, 'code.features_' + kind, mode=cfg.merge_mode)}"
        lines.append(comment)  # above the statement: a trailing comment would scroll off the code box
        lines.extend(stmts)
    lines += [
        'model = keras.Model(inputs, outputs, name="tagger")',
        'model.compile(loss="categorical_crossentropy", optimizer="rmsprop", metrics=["accuracy"])',
        "",
        'if __name__ == "__main__":',
        "    model.summary()",
        f"    print(model.count_params())  # {sum(i.params for i in infos):,}",
        "",
    ]
    return "\n".join(lines)
