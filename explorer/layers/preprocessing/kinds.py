"""Preprocessing inside the model: layers that prepare raw data at the start of a model, so that
training, evaluation, model.save() and predict() on raw images all do the same preparation.
None of them has weights, except Normalization without mean= and variance= (mean, variance, count).

Rescaling           (B, …) → (B, …): out = x · scale + offset (scale=1/255 takes 0..255 pixels to 0..1).
RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomContrast
RandomBrightness, RandomGrayscale, RandomHue, RandomSaturation, RandomShear, RandomErasing, RandomSharpness,
RandomGaussianBlur, RandomPerspective, RandomPosterization, RandomInvert, RandomColorDegeneration,
RandomColorJitter, Solarization
                    (B, H, W, C) → (B, H, W, C): random changes of each image in training (fit);
                    at inference (training=False) out = x exactly (Solarization too: Keras 3.15.1
                    solarizes in training only). Keras reads a 3-axis input as ONE image (H, W, C)
                    without a batch axis, so a model's input must have 4 axes. Hue, saturation and colour
                    degeneration need 3 channels. Not kinds: Equalization (Keras 3.15.1 returns its
                    symbolic input itself, so no model can hold it) and AutoContrast (not the identity
                    at inference; no X-ray recomputes it yet).
RandomCrop          (B, h, w, C) → (B, h, w, C): Keras 3.15.1 crops in training only and passes the whole
                    image at inference (keras-team/keras#21868), against its own output shape: accepted
                    where the images already have its size (out = x both ways), refused otherwise.
Resizing            (B, H, W, C) → (B, height, width, C): each image resized by interpolation
                    (crop_to_aspect_ratio first cuts the centred window of the new aspect ratio).
CenterCrop          (B, H, W, C) → (B, height, width, C): the centred window; an image smaller than
                    the window is first resized (Keras's smart_resize).
Normalization       (B, …, C) → (B, …, C): out = (x − mean) / sqrt(variance), mean and variance given
                    as numbers or one per entry of `axis` (no weights). Without them Keras makes them
                    weights, mean (C,), variance (C,) and count (), 2·C + 1 parameters (non-trainable),
                    filled by adapt(data), which the explorer never runs: its numbers are Keras's values
                    before adapt() (mean 0, variance 1: out = x); the shapes and counts are the model's.
"""
from __future__ import annotations

import math
from dataclasses import replace

from ...description import shape_text
from ...spec import LayerSpec
from ..base import MAX_RANK, MAX_SIZE, ArgRule, Ctx, Example, Fix, FixEdit, Formula, LayerKind, Shape, WeightInfo
from ..conv.kinds import reshape_code, spatial_letters
from ..reshaping.kinds import ShapeRuleError

_SEED = ArgRule("seed", "int", None, 0, 2**31 - 1, neutral=True)
_FILL_MODE = ArgRule("fill_mode", "choice", "reflect", choices=("reflect", "wrap", "constant", "nearest"),
                     neutral=True)
_AFFINE_INTERPOLATION = ArgRule("interpolation", "choice", "bilinear", choices=("nearest", "bilinear"), neutral=True)
_FILL_VALUE = ArgRule("fill_value", "float", 0.0, -1e6, 1e6, neutral=True)
_NUMBERS = 1e6  # a sanity bound on every number of a factor, scale or offset (Keras judges the factors' range)


def _factor(name: str, default=None) -> ArgRule:
    """A random layer's factor: a number or a (lower, upper) pair; its range is Keras's own rule."""
    return ArgRule(name, "number_or_tuple", default, -_NUMBERS, _NUMBERS, neutral=True)


def _with(spec: LayerSpec, **changes) -> LayerSpec:
    """The layer with some arguments set (None: removed), as the fix writes it."""
    args = {**dict(spec.args), **changes}
    sources = tuple((k, v) for k, v in spec.sources if k not in changes)
    return replace(spec, args=tuple(sorted((k, v) for k, v in args.items() if v is not None)), sources=sources)


def _base(ctx: Ctx) -> tuple[tuple[str, str], ...]:
    return (("layer", ctx.spec.name), ("cls", ctx.spec.kind), ("shape", shape_text(ctx.shape)))


class _Preprocessing(LayerKind):
    """What the family shares: no weights (the defaults), and one multiply-add per number at most."""

    ops_per_number = 0

    def flops(self, ctx: Ctx, params: int) -> int:
        return self.ops_per_number * math.prod(d or 1 for d in ctx.out_shapes[0])


# -- images: (B, H, W, C) ------------------------------------------------------------------------
class _Image(_Preprocessing):
    """A layer of keras.layers' image preprocessing: a batch of images (B, H, W, C) in."""

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        shape = in_shapes[0]
        if len(shape) == 3:
            raise ShapeRuleError(
                f"{spec.kind} works on a batch of images (batch, height, width, channels). Its input "
                f"{shape_text(shape)} has 3 axes, which Keras reads as ONE image (height, width, channels): the "
                "batch axis would be taken for the height.")
        if len(shape) != 4:
            raise ShapeRuleError(
                f"{spec.kind} expects images: rank 4 (batch, height, width, channels). Its input "
                f"{shape_text(shape)} has {len(shape)} axes (Keras, when it runs: \"Expected image tensor to "
                "have rank 3 (single image) or 4 (batch of images)\").")
        return super().output_shapes(spec, in_shapes, layer)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if len(ctx.shape) == 3:
            code = reshape_code(ctx.shape[1:])
            edit = FixEdit("insert_before", ctx.spec.name)
            return Fix("fix.image_add_channel", _base(ctx), code, edit) if code else None
        if len(ctx.shape) != 4:
            return Fix("fix.image_rank", _base(ctx) + (("rank", str(len(ctx.shape))),))
        return None


class _Augmentation(_Image):
    """A random augmentation: the identity at inference, a random change of each image in training."""

    keeps_rank = True
    factors: tuple[str, ...] = ()  # its factor arguments, judged by Keras's constructor
    factor_range = ""  # Keras's range for each of their numbers, for the fix
    fix_value: float = 0.1  # what the fix writes for a refused factor
    fix_key = "fix.random_factor"

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        bad = [name for name in self.factors if name in dict(ctx.spec.args) and not self._accepts(ctx.spec, name)]
        if bad:
            fixed = _with(ctx.spec, **dict.fromkeys(bad, self.fix_value))
            return Fix(self.fix_key, (("layer", ctx.spec.name), ("cls", ctx.spec.kind),
                                             ("args", ", ".join(bad)), ("range", self.factor_range)), self.code(fixed),
                       FixEdit("replace", fixed.name, fixed))
        return super().explain(ctx, producer)

    def _accepts(self, spec: LayerSpec, name: str) -> bool:
        """Whether Keras's constructor takes this factor's value (the other factors set to 0.1)."""
        import keras

        args = {other: self.fix_value for other in self.factors if other in self.required}
        args[name] = spec.arg(name)
        try:
            getattr(keras.layers, self.class_name)(**args)
        except (ValueError, TypeError):
            return False
        return True

    required: tuple[str, ...] = ()  # the factors Keras's constructor needs

    def xray(self, call):
        from .xray import augmentation_xray

        return augmentation_xray(call)


class RandomFlip(_Augmentation):
    class_name = "RandomFlip"
    positional = ("mode", "seed")
    rules = (ArgRule("mode", "choice", "horizontal_and_vertical",
                     choices=("horizontal", "vertical", "horizontal_and_vertical"), neutral=True), _SEED)
    examples = (
        Example({"mode": "horizontal"}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({}, (4, 28, 28, 1), (4, 28, 28, 1), 0),
    )


class RandomRotation(_Augmentation):
    class_name = "RandomRotation"
    positional = ("factor", "fill_mode", "interpolation", "seed", "fill_value")
    rules = (_factor("factor"), _FILL_MODE, _AFFINE_INTERPOLATION, _SEED, _FILL_VALUE)
    factors = required = ("factor",)
    factor_range = "[-1, 1]"
    examples = (
        Example({"factor": 0.1}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": (-0.2, 0.3), "fill_mode": "constant", "interpolation": "nearest"}, (None, 64, 48, 1),
                (None, 64, 48, 1), 0),
    )

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import rotation_mistakes

        return rotation_mistakes(model, layer, step, core)


class RandomZoom(_Augmentation):
    class_name = "RandomZoom"
    positional = ("height_factor", "width_factor", "fill_mode", "interpolation", "seed", "fill_value")
    rules = (_factor("height_factor"), _factor("width_factor"), _FILL_MODE, _AFFINE_INTERPOLATION, _SEED,
             _FILL_VALUE)
    factors = ("height_factor", "width_factor")
    required = ("height_factor",)
    factor_range = "(-1, 1]"
    examples = (
        Example({"height_factor": 0.2}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"height_factor": (-0.3, -0.1), "width_factor": 0.2, "fill_mode": "nearest"}, (8, 28, 28, 1),
                (8, 28, 28, 1), 0),
    )


class RandomTranslation(_Augmentation):
    class_name = "RandomTranslation"
    positional = ("height_factor", "width_factor", "fill_mode", "interpolation", "seed", "fill_value")
    rules = (_factor("height_factor"), _factor("width_factor"), _FILL_MODE, _AFFINE_INTERPOLATION, _SEED,
             _FILL_VALUE)
    code_positional = 2
    factors = required = ("height_factor", "width_factor")
    factor_range = "[-1, 1]"
    examples = (
        Example({"height_factor": 0.1, "width_factor": 0.1}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"height_factor": (-0.2, 0.1), "width_factor": 0.0, "fill_mode": "constant"}, (None, 28, 28, 1),
                (None, 28, 28, 1), 0),
    )

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import translation_mistakes

        return translation_mistakes(model, layer, step, core)


class RandomContrast(_Augmentation):
    class_name = "RandomContrast"
    positional = ("factor", "value_range", "seed")
    rules = (_factor("factor"), ArgRule("value_range", "number_or_tuple", (0, 255), -_NUMBERS, _NUMBERS,
                                        neutral=True), _SEED)
    factors = required = ("factor",)
    factor_range = "[0, 1]"
    examples = (
        Example({"factor": 0.2}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": (0.1, 0.5), "value_range": (0.0, 1.0)}, (None, 64, 64, 1), (None, 64, 64, 1), 0),
    )

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        value_range = spec.arg("value_range", (0, 255))
        if not isinstance(value_range, tuple) or len(value_range) != 2:
            raise ShapeRuleError(
                f"value_range of {spec.name} must be two numbers (lowest, highest) that the images' values lie in; "
                f"it is {value_range!r}. Keras would fail on it in training, when it clips the changed images.")
        return super().output_shapes(spec, in_shapes, layer)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        value_range = ctx.arg("value_range", (0, 255))
        if not isinstance(value_range, tuple) or len(value_range) != 2:
            return Fix("fix.contrast_value_range", (("layer", ctx.spec.name),),
                       self.code(_with(ctx.spec, value_range=(0, 255))))
        return super().explain(ctx, producer)


_SIZE = (ArgRule("height", "int", None, 1, MAX_SIZE), ArgRule("width", "int", None, 1, MAX_SIZE))
_VALUE_RANGE = ArgRule("value_range", "number_or_tuple", (0, 255), -_NUMBERS, _NUMBERS, neutral=True)
_IMAGE_FORMAT = ArgRule("data_format", "choice", None, choices=("channels_last", "channels_first", None), neutral=True)


def channel_axis(spec: LayerSpec) -> int:
    """The channel axis of a batch of images: 1 with data_format="channels_first", else 3."""
    return 1 if spec.arg("data_format") == "channels_first" else 3


class RandomBrightness(_Augmentation):
    class_name = "RandomBrightness"
    positional = ("factor", "value_range", "seed")
    rules = (_factor("factor"), _VALUE_RANGE, _SEED)
    factors = required = ("factor",)
    factor_range = "[-1, 1]"
    examples = (
        Example({"factor": 0.2}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": (-0.1, 0.3), "value_range": (0.0, 1.0)}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
    )


class RandomGrayscale(_Augmentation):
    class_name = "RandomGrayscale"
    positional = ("factor", "data_format", "seed")
    rules = (ArgRule("factor", "float", 0.5, 0.0, 1.0, neutral=True), _IMAGE_FORMAT, _SEED)  # a probability
    code_positional = 0
    examples = (
        Example({}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": 0.2}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
    )


class _Colour(_Augmentation):
    """RandomHue, RandomSaturation, RandomColorDegeneration (and RandomColorJitter's saturation and hue): colour
    changes that need 3 channels (RGB) in training (RandomColorDegeneration: already when Keras builds it)."""

    positional = ("factor", "value_range", "data_format", "seed")
    rules = (_factor("factor"), _VALUE_RANGE, _IMAGE_FORMAT, _SEED)
    factors = required = ("factor",)

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        out = super().output_shapes(spec, in_shapes, layer)
        channels = in_shapes[0][channel_axis(spec)]
        if channels not in (3, None):
            raise ShapeRuleError(
                f"{spec.kind} changes the colours of colour images, which needs 3 channels (red, green, blue); its "
                f"input {shape_text(in_shapes[0])} has {channels}. Keras fails in training (fit), or already when it "
                "builds the model: \"must have 3 channels\".")
        return out

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        own = super().explain(ctx, producer)
        if own is not None or len(ctx.shape) != 4:
            return own
        channels = ctx.shape[channel_axis(ctx.spec)]
        if channels not in (3, None):
            return Fix("fix.image_rgb", _base(ctx) + (("channels", str(channels)),))
        return None


class RandomHue(_Colour):
    class_name = "RandomHue"
    factor_range = "[0, 1]"
    examples = (
        Example({"factor": 0.2}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": (0.1, 0.4), "value_range": (0.0, 1.0)}, (None, None, None, 3), (None, None, None, 3), 0),
    )


class RandomSaturation(_Colour):
    class_name = "RandomSaturation"
    factor_range = "[-1, 1]"
    examples = (
        Example({"factor": 0.2}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": (0.3, 0.6), "seed": 1}, (4, 64, 48, 3), (4, 64, 48, 3), 0),
    )


class RandomShear(_Augmentation):
    class_name = "RandomShear"
    positional = ("x_factor", "y_factor", "interpolation", "fill_mode", "fill_value", "data_format", "seed")
    rules = (_factor("x_factor", 0.0), _factor("y_factor", 0.0), _AFFINE_INTERPOLATION, _FILL_MODE, _FILL_VALUE,
             _IMAGE_FORMAT, _SEED)
    code_positional = 0
    factors = ("x_factor", "y_factor")
    factor_range = "[0, 1]"
    examples = (
        Example({"x_factor": 0.2}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"x_factor": (0.1, 0.3), "y_factor": 0.1, "fill_mode": "constant"}, (None, 28, 28, 1),
                (None, 28, 28, 1), 0),
    )


class RandomErasing(_Augmentation):
    class_name = "RandomErasing"
    positional = ("factor", "scale", "fill_value", "value_range", "seed", "data_format")
    rules = (_factor("factor", 1.0), _factor("scale", (0.02, 0.33)),
             ArgRule("fill_value", "float", None, -_NUMBERS, _NUMBERS, neutral=True), _VALUE_RANGE, _SEED,
             _IMAGE_FORMAT)
    code_positional = 0
    factors = ("factor",)
    factor_range = "[0, 1]"
    examples = (
        Example({}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": 0.5, "scale": (0.1, 0.2), "fill_value": 0.0}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
    )


class RandomSharpness(_Augmentation):
    class_name = "RandomSharpness"
    positional = ("factor", "value_range", "data_format", "seed")
    rules = (_factor("factor"), _VALUE_RANGE, _IMAGE_FORMAT, _SEED)
    factors = required = ("factor",)
    factor_range = "[0, 1]"
    examples = (
        Example({"factor": 0.2}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": (0.1, 0.5), "value_range": (0.0, 1.0)}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
    )


class RandomGaussianBlur(_Augmentation):
    class_name = "RandomGaussianBlur"
    positional = ("factor", "kernel_size", "sigma", "value_range", "data_format", "seed")
    rules = (_factor("factor", 1.0), ArgRule("kernel_size", "size_or_tuple", 3, 1, 1001, neutral=True),
             _factor("sigma", 1.0), _VALUE_RANGE, _IMAGE_FORMAT, _SEED)
    code_positional = 0
    factors = ("factor",)
    factor_range = "[0, 1]"
    examples = (
        Example({}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": 0.5, "kernel_size": 5, "sigma": (0.5, 2.0)}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
    )


class RandomPerspective(_Augmentation):
    class_name = "RandomPerspective"
    positional = ("factor", "scale", "interpolation", "fill_value", "seed", "data_format")
    rules = (_factor("factor", 1.0), ArgRule("scale", "float", 1.0, 0.0, 1.0, neutral=True), _AFFINE_INTERPOLATION,
             _FILL_VALUE, _SEED, _IMAGE_FORMAT)
    code_positional = 0
    factors = ("factor",)
    factor_range = "[0, 1]"
    examples = (
        Example({}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": 0.5, "scale": 0.3, "interpolation": "nearest"}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
    )


class RandomPosterization(_Augmentation):
    class_name = "RandomPosterization"
    positional = ("factor", "value_range", "data_format", "seed")
    # whole numbers of bits (Keras fails on 2.0 when it runs), judged by Keras's constructor
    rules = (ArgRule("factor", "size_or_tuple", None, 0, 1000, neutral=True), _VALUE_RANGE, _IMAGE_FORMAT, _SEED)
    factors = required = ("factor",)
    factor_range = "[1, 8]"
    fix_value = 4
    fix_key = "fix.posterization_bits"
    examples = (
        Example({"factor": 4}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": (2, 6)}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
    )


class RandomInvert(_Augmentation):
    class_name = "RandomInvert"
    positional = ("factor", "value_range", "seed", "data_format")
    rules = (_factor("factor", 1.0), _VALUE_RANGE, _SEED, _IMAGE_FORMAT)
    code_positional = 0
    factors = ("factor",)
    factor_range = "[0, 1]"
    examples = (
        Example({}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": 0.5, "value_range": (0.0, 1.0)}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
    )


class Solarization(_Augmentation):
    """Keras 3.15.1 solarizes in training only: at inference (training=False) out = x, as the random layers."""

    class_name = "Solarization"
    positional = ("addition_factor", "threshold_factor", "value_range", "seed")
    rules = (_factor("addition_factor", 0.0), _factor("threshold_factor", 0.0), _VALUE_RANGE, _SEED)
    code_positional = 0
    factors = ("addition_factor", "threshold_factor")
    factor_range = "[0, 1]"
    examples = (
        Example({"threshold_factor": 0.5}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"addition_factor": 0.2, "threshold_factor": (0.4, 0.6)}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
    )


class RandomColorDegeneration(_Colour):
    class_name = "RandomColorDegeneration"
    factor_range = "[-1, 1]"
    examples = (
        Example({"factor": 0.2}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"factor": (0.1, 0.6), "value_range": (0.0, 1.0)}, (4, 16, 16, 3), (4, 16, 16, 3), 0),
    )


class RandomColorJitter(_Colour):
    """Brightness, contrast, saturation and hue, each only if its factor is given; the last two need 3 channels."""

    class_name = "RandomColorJitter"
    positional = ("value_range", "brightness_factor", "contrast_factor", "saturation_factor", "hue_factor", "seed",
                  "data_format")
    rules = (_VALUE_RANGE, _factor("brightness_factor"), _factor("contrast_factor"), _factor("saturation_factor"),
             _factor("hue_factor"), _SEED, _IMAGE_FORMAT)
    code_positional = 0
    factors = ("brightness_factor", "contrast_factor", "saturation_factor", "hue_factor")
    required = ()
    factor_range = "[-1, 1] (brightness, saturation) or [0, 1] (contrast, hue)"
    examples = (
        Example({"brightness_factor": 0.2, "contrast_factor": 0.2}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
        Example({"saturation_factor": 0.3, "hue_factor": 0.1}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
    )

    @staticmethod
    def _needs_rgb(spec: LayerSpec) -> bool:
        return spec.arg("saturation_factor") is not None or spec.arg("hue_factor") is not None

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        if not self._needs_rgb(spec):
            return _Augmentation.output_shapes(self, spec, in_shapes, layer)
        return super().output_shapes(spec, in_shapes, layer)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if not self._needs_rgb(ctx.spec):
            return _Augmentation.explain(self, ctx, producer)
        return super().explain(ctx, producer)


class RandomCrop(_Image):
    """Keras 3.15.1 crops only in training: at inference (training=False) the image passes whole, while the model's
    shapes (compute_output_shape) say (height, width) (keras-team/keras#21868). The explorer runs the model at
    inference, so it accepts RandomCrop only where both agree: images already height × width, kept whole."""

    class_name = "RandomCrop"
    positional = ("height", "width", "seed", "data_format")
    rules = _SIZE + (_SEED, _IMAGE_FORMAT)
    code_positional = 2
    keeps_rank = True
    examples = (
        Example({"height": 32, "width": 32}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"height": 24, "width": 20, "seed": 1}, (8, 24, 20, 1), (8, 24, 20, 1), 0),
    )

    @staticmethod
    def _size(spec: LayerSpec, shape: Shape) -> tuple[int | None, int | None]:
        """The input images' (height, width), whatever data_format."""
        return (shape[2], shape[3]) if spec.arg("data_format") == "channels_first" else (shape[1], shape[2])

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        out = super().output_shapes(spec, in_shapes, layer)
        size, target = self._size(spec, in_shapes[0]), (spec.arg("height"), spec.arg("width"))
        if size != target:
            raise ShapeRuleError(
                f"{spec.name} crops {shape_text(size)} images to {shape_text(target)} in training only: Keras 3.15.1's "
                f"RandomCrop passes the whole image at inference (predict, evaluate, model(x)), while the model's "
                f"shapes say {shape_text(out[0])} (keras-team/keras#21868), so the layers after it see two shapes.")
        return out

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        own = super().explain(ctx, producer)
        if own is not None or len(ctx.shape) != 4:
            return own
        (rows, cols), height, width = self._size(ctx.spec, ctx.shape), ctx.arg("height"), ctx.arg("width")
        if (rows, cols) == (height, width):
            return None
        fixed = replace(ctx.spec, kind="CenterCrop", args=(("height", height), ("width", width)),
                        sources=tuple((k, v) for k, v in ctx.spec.sources if k in ("height", "width")))
        sizes = (("height", str(height)), ("width", str(width)), ("H", str(rows)), ("W", str(cols)))
        return Fix("fix.random_crop_inference", _base(ctx) + sizes, CenterCrop().code(fixed),
                   FixEdit("replace", fixed.name, fixed))

    def xray(self, call):
        from .xray import augmentation_xray

        return augmentation_xray(call)


# -- new sizes: Resizing, CenterCrop --------------------------------------------------------------

class _NewSize(_Image):
    """(B, H, W, C) → (B, height, width, C): the new height and width get letters of their own."""

    code_positional = 2
    meanings = ("", "")

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        out = ctx.out_shapes[0]
        unchanged = tuple(out[i] == ctx.shape[i] and out[i] is not None for i in (1, 2))
        spatial = spatial_letters(ctx, unchanged, ("H", "W"), self.meanings)
        return ((ctx.axes[0],) + spatial + (ctx.axes[3],),)


class Resizing(_NewSize):
    class_name = "Resizing"
    positional = ("height", "width", "interpolation", "crop_to_aspect_ratio", "pad_to_aspect_ratio", "fill_mode",
                  "fill_value", "antialias")
    rules = _SIZE + (
        ArgRule("interpolation", "choice", "bilinear",
                choices=("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area"), neutral=True),
        ArgRule("crop_to_aspect_ratio", "bool", False, neutral=True),
        ArgRule("pad_to_aspect_ratio", "bool", False, neutral=True),
        ArgRule("fill_mode", "choice", "constant", choices=("constant",), neutral=True),
        _FILL_VALUE,
        ArgRule("antialias", "bool", False, neutral=True),
    )
    meanings = ("axis.resized_height", "axis.resized_width")
    examples = (
        Example({"height": 64, "width": 64}, (None, 28, 28, 1), (None, 64, 64, 1), 0),
        Example({"height": 224, "width": 160, "interpolation": "nearest", "crop_to_aspect_ratio": True},
                (None, None, None, 3), (None, 224, 160, 3), 0),
        Example({"height": 16, "width": 16, "pad_to_aspect_ratio": True}, (2, 32, 48, 3), (2, 16, 16, 3), 0),
    )

    def flops(self, ctx: Ctx, params: int) -> int:
        """Bilinear: 4 neighbours, one multiply-add each, per output number (nearest copies)."""
        per_number = 0 if ctx.arg("interpolation", "bilinear") == "nearest" else 8
        return per_number * math.prod(d or 1 for d in ctx.out_shapes[0])

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        if spec.arg("crop_to_aspect_ratio", False) and spec.arg("pad_to_aspect_ratio", False):
            raise ShapeRuleError(f"{spec.name} sets both crop_to_aspect_ratio and pad_to_aspect_ratio; Keras, "
                                 "when it runs: \"Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be "
                                 "`True`.\"")
        return super().output_shapes(spec, in_shapes, layer)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if ctx.arg("crop_to_aspect_ratio", False) and ctx.arg("pad_to_aspect_ratio", False):
            return Fix("fix.resizing_crop_and_pad", (("layer", ctx.spec.name),),
                       self.code(_with(ctx.spec, pad_to_aspect_ratio=None)))
        return super().explain(ctx, producer)

    def xray(self, call):
        from .xray import resizing_xray

        return resizing_xray(call)


class CenterCrop(_NewSize):
    class_name = "CenterCrop"
    positional = ("height", "width")
    rules = _SIZE
    meanings = ("axis.cropped_height", "axis.cropped_width")
    examples = (
        Example({"height": 24, "width": 24}, (None, 32, 32, 3), (None, 24, 24, 3), 0),
        Example({"height": 40, "width": 20}, (5, 32, 32, 1), (5, 40, 20, 1), 0),
    )

    def xray(self, call):
        from .xray import centercrop_xray

        return centercrop_xray(call)


# -- numbers: Rescaling, Normalization --------------------------------------------------------------
def _per_channel(value, size: int | None) -> bool:
    """A number, or a tuple Keras can broadcast against an axis of this size (1 or that size)."""
    return not isinstance(value, tuple) or len(value) == 1 or (size is not None and len(value) == size)


class Rescaling(_Preprocessing):
    class_name = "Rescaling"
    positional = ("scale", "offset")
    rules = (ArgRule("scale", "number_or_tuple", None, -_NUMBERS, _NUMBERS),
             ArgRule("offset", "number_or_tuple", 0.0, -_NUMBERS, _NUMBERS))
    keeps_rank = True
    ops_per_number = 2
    examples = (
        Example({"scale": 1 / 255}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
        Example({"scale": 1 / 127.5, "offset": -1.0}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"scale": (0.5, 0.25, 2.0)}, (None, 10, 3), (None, 10, 3), 0),
    )

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        size = in_shapes[0][-1]
        for name in ("scale", "offset"):
            value = spec.arg(name)
            if not _per_channel(value, size):
                raise ShapeRuleError(
                    f"{spec.name} multiplies the last axis (size {size}) by {name}={value!r}: {len(value)} numbers "
                    "cannot be matched to it (numpy broadcasting: one number, or one per entry of the last axis). "
                    "Keras would fail when it runs.")
        return super().output_shapes(spec, in_shapes, layer)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        size = ctx.shape[-1]
        for name in ("scale", "offset"):
            value = ctx.arg(name)
            if not _per_channel(value, size):
                return Fix("fix.rescaling_channels", (("layer", ctx.spec.name), ("arg", name),
                                                      ("count", str(len(value))), ("size", str(size))))
        return None

    def xray(self, call):
        from .xray import rescaling_xray

        return rescaling_xray(call)


def kept_axis(spec: LayerSpec) -> int | None:
    """The one axis a Normalization keeps (axis=-1 or axis=(-1,)), or None when it keeps several."""
    axis = spec.arg("axis", -1)
    if isinstance(axis, tuple):
        return axis[0] if len(axis) == 1 else None
    return axis


class Normalization(_Preprocessing):
    class_name = "Normalization"
    positional = ("axis", "mean", "variance", "invert")
    rules = (ArgRule("axis", "size_or_tuple", -1, -MAX_RANK, MAX_RANK),  # Keras's configs write (-1,)
             ArgRule("mean", "number_or_tuple", None, -_NUMBERS, _NUMBERS),
             ArgRule("variance", "number_or_tuple", None, 0.0, _NUMBERS),
             ArgRule("invert", "bool", False, neutral=True))
    code_positional = 0
    keeps_rank = True
    ops_per_number = 2
    examples = (
        Example({"mean": 0.5, "variance": 0.25}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
        Example({"mean": (0.485, 0.456, 0.406), "variance": (0.052, 0.050, 0.051)}, (None, 32, 32, 3),
                (None, 32, 32, 3), 0),
        Example({"axis": 1, "mean": (1.0, 2.0, 3.0, 4.0, 5.0), "variance": (1.0, 4.0, 9.0, 16.0, 25.0),
                 "invert": True}, (None, 5, 8), (None, 5, 8), 0),
        Example({}, (None, 32, 32, 3), (None, 32, 32, 3), 2 * 3 + 1),  # adapt() would fill mean and variance
        Example({"axis": 1}, (None, 5, 8), (None, 5, 8), 2 * 5 + 1),
        Example({"axis": -1, "invert": True}, (None, 10), (None, 10), 2 * 10 + 1),
    )

    @staticmethod
    def adapts(spec: LayerSpec) -> bool:
        """Without mean= and variance=: Keras makes them weights, to be filled by adapt(data)."""
        return spec.arg("mean") is None and spec.arg("variance") is None

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        shape = in_shapes[0]
        mean, variance, axis = spec.arg("mean"), spec.arg("variance"), kept_axis(spec)
        if axis is None:
            raise ShapeRuleError(f"{spec.name} keeps the axes {spec.arg('axis')!r}; the explorer follows a "
                                 "Normalization that keeps one axis only (axis=-1: one mean and variance per channel).")
        if not -len(shape) <= axis < len(shape):
            raise ShapeRuleError(f"axis={axis} of {spec.name} is outside its input {shape_text(shape)} "
                                 f"(Keras, when it builds: \"All `axis` values must be in the range [-ndim, ndim)\").")
        size = shape[axis]
        if size is None:
            raise ShapeRuleError(f"axis {axis} of the input {shape_text(shape)} of {spec.name} has no fixed size "
                                 "(Keras, when it builds: \"All `axis` values to be kept must have a known shape\").")
        for name, value in (("mean", mean), ("variance", variance)):
            if value is not None and not _per_channel(value, size):
                raise ShapeRuleError(
                    f"{name} of {spec.name} has {len(value)} numbers, but axis {axis} of its input "
                    f"{shape_text(shape)} has {size} entries: one number, or one per entry. Keras fails when it "
                    "builds (Incompatible shapes).")
        return super().output_shapes(spec, in_shapes, layer)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        mean, variance, axis = ctx.arg("mean"), ctx.arg("variance"), kept_axis(ctx.spec)
        base = (("layer", ctx.spec.name), ("shape", shape_text(ctx.shape)))
        if (mean is None) != (variance is None):
            given = "mean" if mean is not None else "variance"
            return Fix("fix.normalization_both", base + (("given", given),),
                       self.code(_with(ctx.spec, mean=mean if mean is not None else 0.0,
                                       variance=variance if variance is not None else 1.0)))
        if axis is None:
            return Fix("fix.normalization_one_axis", base + (("axes", repr(ctx.arg("axis"))),),
                       self.code(_with(ctx.spec, axis=None)))
        if not -len(ctx.shape) <= axis < len(ctx.shape):
            return Fix("fix.normalization_axis", base + (("axis", str(axis)), ("rank", str(len(ctx.shape)))),
                       self.code(_with(ctx.spec, axis=None)))
        size = ctx.shape[axis]
        if size is None:
            return Fix("fix.normalization_unknown_axis", base + (("axis", str(axis)),))
        for name, value in (("mean", mean), ("variance", variance)):
            if not _per_channel(value, size):
                return Fix("fix.normalization_length", base + (("arg", name), ("count", str(len(value))),
                                                               ("axis", str(axis)), ("size", str(size))))
        return None

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        """Without mean= and variance=: mean and variance of the kept axis's size, and the count of samples
        adapt() has seen (a scalar), in Keras's order."""
        if not self.adapts(ctx.spec):
            return ()
        axis = kept_axis(ctx.spec) % len(ctx.shape)
        size, letter = ctx.shape[axis], ctx.axes[axis]
        return (WeightInfo("", "mean", (size,), (letter,)), WeightInfo("", "variance", (size,), (letter,)),
                WeightInfo("", "count", (), ()))

    def formula(self, ctx: Ctx) -> Formula:
        if not self.adapts(ctx.spec):
            return super().formula(ctx)
        size = ctx.shape[kept_axis(ctx.spec) % len(ctx.shape)]
        letter = ctx.axes[kept_axis(ctx.spec) % len(ctx.shape)]
        return Formula(f"2 × {letter} + 1", f"2 × {size:,} + 1", 2 * size + 1)

    def xray(self, call):
        from .xray import normalization_xray

        return normalization_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import normalization_mistakes

        return normalization_mistakes(model, layer, step, core)


KINDS = (Rescaling(), RandomFlip(), RandomRotation(), RandomZoom(), RandomTranslation(), RandomContrast(),
         RandomBrightness(), RandomGrayscale(), RandomHue(), RandomSaturation(), RandomShear(), RandomErasing(),
         RandomSharpness(), RandomGaussianBlur(), RandomPerspective(), RandomPosterization(), RandomInvert(),
         RandomColorDegeneration(), RandomColorJitter(), Solarization(), RandomCrop(), Resizing(), CenterCrop(),
         Normalization())
