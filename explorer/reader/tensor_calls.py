"""Which calls in learners' code are operations on tensors, and how their arguments map onto the
operation kinds (explorer/layers/operations, registered as "ops.<function>").

The same operation is written many ways: `keras.ops.reshape(x, (-1, 8))`, `tf.reshape(x, [-1, 8])`,
`K.reshape(x, (-1, 8))`. Each way is one entry here: the operation, and the call's own parameters in
order, each one either a tensor (`*name`, `**name` for a list of tensors), an argument of the kind under
its own name (`shape>newshape` renames), or `-name` for one that cannot change a shape (read, then left).
Data only: the reader looks a call's resolved import path up here, never the other way round.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OpCall:
    op: str  # the kind's function name: the kind is "ops." + op
    params: tuple[str, ...]  # the call's parameters in Keras's (or TensorFlow's) positional order
    defaults: tuple[tuple[str, object], ...] = field(default=())  # where this spelling's default differs

    @property
    def kind(self) -> str:
        return "ops." + self.op


def _unary(op: str, param: str = "x") -> OpCall:
    return OpCall(op, ("*" + param,))


def _binary(op: str, first: str = "x1", second: str = "x2") -> OpCall:
    return OpCall(op, ("*" + first, "*" + second))


_UNARY = ("relu", "sigmoid", "tanh", "exp", "log", "sqrt", "square", "abs", "negative", "softplus", "gelu", "silu")
_BINARY = ("add", "subtract", "multiply", "true_divide", "power", "maximum", "minimum")
_REDUCE = ("mean", "sum", "max")

# keras.ops (and its submodules numpy, nn, math, image, random as Keras 3 spells them)
KERAS_OPS: dict[str, OpCall] = {name: _unary(name) for name in _UNARY}
KERAS_OPS.update({name: _binary(name) for name in _BINARY})
KERAS_OPS.update({name: OpCall(name, ("*x", "axis", "keepdims")) for name in _REDUCE})
KERAS_OPS.update({
    "divide": _binary("true_divide"),
    "softmax": OpCall("softmax", ("*x", "axis")),
    "cast": OpCall("cast", ("*x", "dtype")),
    "reshape": OpCall("reshape", ("*x", "newshape")),
    "expand_dims": OpCall("expand_dims", ("*x", "axis")),
    "squeeze": OpCall("squeeze", ("*x", "axis")),
    "transpose": OpCall("transpose", ("*x", "axes")),
    "concatenate": OpCall("concatenate", ("**xs", "axis")),
    "matmul": _binary("matmul"),
    "arange": OpCall("arange", ("start", "stop", "step", "-dtype")),
    "extract_patches": OpCall("extract_patches", ("*images", "size", "strides", "dilation_rate", "padding",
                                                  "-data_format")),
    "normal": OpCall("random_normal", ("shape", "mean", "stddev", "-dtype", "-seed")),
})

# TensorFlow's spellings (tf.X, tf.math.X, tf.nn.X, tf.random.X)
TF_OPS: dict[str, OpCall] = {name: _unary(name) for name in ("exp", "sqrt", "square", "abs", "negative", "tanh",
                                                              "sigmoid")}
TF_OPS["log"] = _unary("log")
TF_OPS.update({name: _unary(name, "features") for name in ("relu", "gelu", "silu", "softplus")})
TF_OPS.update({"add": _binary("add", "x", "y"), "subtract": _binary("subtract", "x", "y"),
               "multiply": _binary("multiply", "x", "y"), "divide": _binary("true_divide", "x", "y"),
               "truediv": _binary("true_divide", "x", "y"), "maximum": _binary("maximum", "x", "y"),
               "minimum": _binary("minimum", "x", "y"), "pow": _binary("power", "x", "y")})
TF_OPS.update({f"reduce_{name}": OpCall(name, ("*input_tensor", "axis", "keepdims")) for name in _REDUCE})
TF_OPS.update({
    "softmax": OpCall("softmax", ("*logits", "axis")),
    "cast": OpCall("cast", ("*x", "dtype")),
    "reshape": OpCall("reshape", ("*tensor", "shape>newshape")),
    "expand_dims": OpCall("expand_dims", ("*input", "axis")),
    "squeeze": OpCall("squeeze", ("*input", "axis")),
    "transpose": OpCall("transpose", ("*a", "perm>axes")),
    "concat": OpCall("concatenate", ("**values", "axis")),
    "matmul": _binary("matmul", "a", "b"),
    "range": OpCall("arange", ("start", "limit>stop", "delta>step", "-dtype")),
    "normal": OpCall("random_normal", ("shape", "mean", "stddev", "-dtype", "-seed")),
})

# the Keras 2 backend (`from tensorflow.keras import backend as K`), which tf.keras still serves
BACKEND_OPS: dict[str, OpCall] = {name: _unary(name) for name in ("exp", "log", "sqrt", "square", "abs", "tanh",
                                                                   "sigmoid", "relu", "softplus")}
BACKEND_OPS.update({name: OpCall(name, ("*x", "axis", "keepdims")) for name in _REDUCE})
BACKEND_OPS.update({
    "softmax": OpCall("softmax", ("*x", "axis")),
    "cast": OpCall("cast", ("*x", "dtype")),
    "reshape": OpCall("reshape", ("*x", "shape>newshape")),
    "expand_dims": OpCall("expand_dims", ("*x", "axis"), (("axis", -1),)),
    "squeeze": OpCall("squeeze", ("*x", "axis")),
    "permute_dimensions": OpCall("transpose", ("*x", "pattern>axes")),
    "concatenate": OpCall("concatenate", ("**tensors", "axis"), (("axis", -1),)),
    "maximum": _binary("maximum", "x", "y"),
    "minimum": _binary("minimum", "x", "y"),
    "pow": OpCall("power", ("*x", "a>scalar")),
    "random_normal": OpCall("random_normal", ("shape", "mean", "stddev", "-dtype", "-seed")),
})

# keras.activations.X(x) on a tensor (and tf.nn / tf.math activations stored and called later)
ACTIVATION_OPS: dict[str, OpCall] = {name: _unary(name) for name in ("relu", "sigmoid", "tanh", "softplus", "gelu",
                                                                      "silu")}
ACTIVATION_OPS["softmax"] = OpCall("softmax", ("*x", "axis"))
ACTIVATION_OPS["swish"] = _unary("silu")
ACTIVATION_OPS["exponential"] = _unary("exp")

# keras.applications.<module>.preprocess_input(x) on a tensor, by what Keras 3 records for it: "tf" scales to
# [-1, 1] (x / 127.5 - 1: two operations), "none" gives x back; "caffe" turns RGB into BGR and subtracts the
# channel means, "torch" scales to [0, 1] and standardises each channel (code_tensors.py)
PREPROCESS_MODES = {
    **dict.fromkeys(("mobilenet", "mobilenet_v2", "inception_v3", "xception", "inception_resnet_v2", "nasnet",
                     "resnet_v2"), "tf"),
    **dict.fromkeys(("efficientnet", "efficientnet_v2", "convnext", "mobilenet_v3"), "none"),
    **dict.fromkeys(("resnet50", "resnet", "vgg16", "vgg19"), "caffe"),
    "densenet": "torch",
}

# the per-channel numbers of those modes, as Keras 3's imagenet_utils holds them (BGR means for caffe)
CAFFE_MEAN = (103.939, 116.779, 123.68)
TORCH_MEAN = (0.485, 0.456, 0.406)
TORCH_STD = (0.229, 0.224, 0.225)

# Keras's configuration functions, answered with Keras 3's defaults (~/.keras/keras.json may change them on a
# learner's machine; the page says it assumes the default): `if K.image_data_format() == "channels_first":`
BACKEND_DEFAULTS = {("keras", "backend", "image_data_format"): "channels_last",
                    ("keras", "config", "image_data_format"): "channels_last",
                    ("keras", "backend", "floatx"): "float32", ("keras", "config", "floatx"): "float32",
                    ("keras", "backend", "epsilon"): 1e-07, ("keras", "config", "epsilon"): 1e-07}

SHAPE_READS = {("keras", "ops", "shape"), ("keras", "backend", "int_shape"), ("keras", "backend", "shape"),
               ("tensorflow", "shape")}


def op_call(path: tuple[str, ...]) -> OpCall | None:
    """The operation a call's import path names, or None (not an operation on tensors we read)."""
    if len(path) < 2:
        return None
    head, last = path[:-1], path[-1]
    if head[:2] == ("keras", "ops") and len(head) <= 3:  # keras.ops.X, keras.ops.numpy.X, keras.ops.image.X
        return KERAS_OPS.get(last) if last != "normal" else None
    if head == ("keras", "random"):
        return KERAS_OPS.get(last) if last == "normal" else None
    if head in (("tensorflow",), ("tensorflow", "math"), ("tensorflow", "nn")):
        return TF_OPS.get(last) if last not in ("normal",) else None
    if head == ("tensorflow", "random"):
        return TF_OPS.get(last) if last == "normal" else None
    if head == ("keras", "backend"):
        return BACKEND_OPS.get(last)
    if head == ("keras", "activations"):
        return ACTIVATION_OPS.get(last)
    return None


def activation_op(name: str) -> OpCall | None:
    """An activation function held as a value (`self.act = tf.nn.relu`, then `self.act(x)`)."""
    return ACTIVATION_OPS.get(name) or (TF_OPS.get(name) if name in _UNARY else None)


__all__ = ["CAFFE_MEAN", "PREPROCESS_MODES", "SHAPE_READS", "TORCH_MEAN", "TORCH_STD", "OpCall", "activation_op",
           "op_call"]
