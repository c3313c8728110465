"""Write explorer/reader/keras_exports.py: the names each Keras module exports, as the reader binds them for
`from keras.<module> import *`. Run with the project's Keras installed: `python scripts/keras_exports.py`.
Names of functions that load or deserialize a model are left out: the reader never binds them."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import keras

MODULES = ("keras", "keras.layers", "keras.models", "keras.optimizers", "keras.optimizers.schedules", "keras.losses",
           "keras.metrics", "keras.callbacks", "keras.utils", "keras.backend", "keras.initializers",
           "keras.regularizers", "keras.constraints", "keras.activations", "keras.applications", "keras.ops",
           "keras.datasets", "keras.preprocessing", "keras.preprocessing.image", "keras.preprocessing.sequence",
           "keras.mixed_precision", "keras.random")
LOADERS = re.compile(r"load_model|model_from_json|model_from_yaml|deserialize_keras_object|from_config|pickle")
OUT = Path(__file__).resolve().parents[1] / "explorer" / "reader" / "keras_exports.py"


def main() -> None:
    lines = ['"""The names each Keras module exports, as `from keras.<module> import *` binds them (written by',
             f"scripts/keras_exports.py from Keras {keras.__version__}; names that load or deserialize a model are",
             "left out). Data only: a star import binds exactly these names, so a later `from keras.optimizers",
             'import *` cannot hide the layers an earlier star import bound."""',
             "from __future__ import annotations", "", "EXPORTS: dict[str, tuple[str, ...]] = {"]
    for name in MODULES:
        module = importlib.import_module(name)
        names = sorted(n for n in dir(module) if not n.startswith("_") and not LOADERS.search(n))
        lines.append(f'    "{name}": (')
        row = "        "
        for item in names:
            piece = f'"{item}", '
            if len(row) + len(piece) > 119:
                lines.append(row.rstrip())
                row = "        "
            row += piece
        lines += [row.rstrip(), "    ),"]
    OUT.write_text("\n".join(lines + ["}"]) + "\n")


if __name__ == "__main__":
    main()
