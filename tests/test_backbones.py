"""keras.applications backbones as specs (explorer/reader/backbones.py): the table of architectures, every argument
checked before anything is built, the memory estimate, and the few real builds (marked slow) compared with Keras's
own model layer by layer."""
from __future__ import annotations

import pytest

from explorer.budget import MEMORY_BUDGET_BYTES
from explorer.i18n import WORDS
from explorer.reader.backbones import (
    ARCHITECTURES,
    PATHS,
    Backbone,
    Refused,
    architecture,
    estimated_bytes,
    estimated_params,
    read_backbone,
)
from explorer.reader.keras_exports import EXPORTS
from explorer.spec import ModelSpec

MOBILENET_160 = dict(input_shape=(160, 160, 3), include_top=False, weights="imagenet")


def keys(result) -> list[str]:
    return [note.key for note in result.notes]


def refusal(name: str, args: dict, positional: tuple = ()) -> Refused:
    result = read_backbone(name, args, set(), positional)
    assert isinstance(result, Refused), result
    for note in result.notes:
        assert note.key in WORDS, note.key
    return result


# -- the table, without building ---------------------------------------------------------------------------------------
def test_the_table_holds_every_architecture_keras_applications_exports():
    exported = {n for n in EXPORTS["keras.applications"] if n[0].isupper()}
    assert set(ARCHITECTURES) == exported and len(exported) == 40
    assert architecture("mobilenet_v2.MobileNetV2") is architecture("MobileNetV2") is ARCHITECTURES["MobileNetV2"]
    assert architecture("resnet50.ResNet50") is architecture("resnet.ResNet50") is ARCHITECTURES["ResNet50"]
    assert architecture("mobilenet_v3.MobileNetV3Small") is None  # that module exports no function
    assert architecture("os.system") is None and architecture("__class__") is None and architecture(3) is None


def test_every_path_is_one_keras_exports_under_that_module():
    import keras

    for path, function in PATHS.items():
        target = keras.applications
        for part in path.split("."):
            target = getattr(target, part)
        assert target is getattr(keras.applications, function), path


def test_the_positional_order_is_keras_own():
    import inspect

    import keras

    for name, arch in ARCHITECTURES.items():
        assert arch.order == tuple(inspect.signature(getattr(keras.applications, name)).parameters), name


def test_the_estimate_is_close_to_keras_counts_before_anything_is_built():
    # Keras's own counts (measured): keras.io rounds to 0.1 M, so the estimate is within 50,000
    for name, real in (("MobileNetV2", 2_257_984), ("ResNet50", 23_587_712), ("VGG16", 14_714_688),
                       ("EfficientNetB0", 4_049_571), ("DenseNet121", 7_037_504)):
        estimate, largest = estimated_params(ARCHITECTURES[name], {"include_top": False})
        assert abs(estimate - real) <= 50_000 and largest == 0, name
    vgg, largest = estimated_params(ARCHITECTURES["VGG16"], {})
    assert abs(vgg - 138_357_544) < 50_000 and largest == 25088 * 4096
    resnet, _ = estimated_params(ARCHITECTURES["ResNet50"], {"classes": 10})
    assert abs(resnet - (23_587_712 + 2048 * 10 + 10)) < 50_000
    assert estimated_bytes(ARCHITECTURES["ResNet50"], {"include_top": False}) < MEMORY_BUDGET_BYTES


# -- refusals, before building ---------------------------------------------------------------------------------------
def test_too_large_a_backbone_is_refused_before_it_is_built():
    result = refusal("VGG16", {"weights": "imagenet"})  # 138,357,544 parameters: 528 MiB of weights alone
    assert keys(result) == ["backbone.over_budget"] and result.notes[0].param("limit") == "256"
    assert keys(refusal("ResNet50", {"classes": 100_000, "weights": None})) == ["backbone.over_budget"]  # a huge head
    assert keys(refusal("ConvNeXtXLarge", {"include_top": False})) == ["backbone.over_budget"]


@pytest.mark.parametrize("name, args, key", [
    ("MobileNetV2", {"weights": "/tmp/my_weights.h5"}, "backbone.weights_file"),
    ("MobileNetV2", {"weights": "imagenet", "input_tensor": "x"}, "backbone.input_tensor"),
    ("MobileNetV2", {"include_top": "no"}, "backbone.arg_bad"),
    ("MobileNetV2", {"include_top": 0}, "backbone.arg_bad"),
    ("MobileNetV2", {"input_shape": (160, 160)}, "backbone.arg_bad"),
    ("MobileNetV2", {"input_shape": (5000, 5000, 3), "include_top": False}, "backbone.arg_bad"),
    ("MobileNetV2", {"input_shape": (160.0, 160, 3), "include_top": False}, "backbone.arg_bad"),
    ("MobileNetV2", {"pooling": "mean", "include_top": False}, "backbone.arg_bad"),
    ("MobileNetV2", {"alpha": 50.0, "weights": None}, "backbone.arg_bad"),
    ("MobileNetV2", {"classes": True, "weights": None}, "backbone.arg_bad"),
    ("MobileNetV2", {"classifier_activation": "os.system", "weights": None}, "backbone.arg_bad"),
    ("MobileNetV2", {"name": "a name; with spaces"}, "backbone.arg_bad"),
    ("MobileNetV2", {"trainable": False}, "backbone.arg_unknown"),
    ("MobileNetV2", {"include_preprocessing": False}, "backbone.arg_unknown"),  # ConvNeXt's, not MobileNetV2's
    ("ResNet50", {"alpha": 0.5}, "backbone.arg_unknown"),
    ("ResNet50", {"classes": 10}, "backbone.imagenet_classes"),  # weights="imagenet" is the default
    ("ResNet50", {"include_top": False, "input_shape": (224, 224, 1)}, "backbone.imagenet_channels"),
    ("ResNet50", {"input_shape": (160, 160, 3)}, "backbone.imagenet_size"),
    ("ResNet50", {"classifier_activation": "sigmoid"}, "backbone.imagenet_activation"),
    ("MobileNetV2", {"alpha": 0.6, "include_top": False}, "backbone.imagenet_alpha"),
    ("MobileNet", {"depth_multiplier": 2, "include_top": False}, "backbone.imagenet_depth"),
    ("MobileNetV3Small", {"minimalistic": True, "alpha": 0.75}, "backbone.imagenet_alpha"),
    ("Resnet50", {}, "backbone.unknown"),
])
def test_arguments_are_refused_with_a_reason(name, args, key):
    assert keys(refusal(name, args)) == [key]


def test_every_bad_argument_is_named_and_positional_ones_follow_keras_order():
    result = refusal("MobileNetV2", {"weights": "w.h5", "foo": 1, "include_top": "no"})
    assert keys(result) == ["backbone.weights_file", "backbone.arg_unknown", "backbone.arg_bad"]
    assert result.notes[1].param("arg") == "foo" and "input_shape" in result.notes[1].param("known")
    # MobileNetV2(input_shape, alpha, include_top, weights, ...): the 4th positional is weights
    assert keys(refusal("MobileNetV2", {}, ((160, 160, 3), 1.0, False, "weights.h5"))) == ["backbone.weights_file"]
    assert keys(refusal("MobileNetV2", {"alpha": 1.0}, ((160, 160, 3), 1.0))) == ["backbone.arg_twice"]
    assert keys(refusal("VGG16", {}, tuple(range(12)))) == ["backbone.too_many_positional"]


def test_keras_own_refusal_of_a_too_small_image_is_passed_on():
    result = refusal("ResNet50", {"include_top": False, "input_shape": (16, 16, 3)})
    assert keys(result) == ["backbone.keras_refused"] and "32" in result.notes[0].param("message")


# -- real builds (cached: each architecture and arguments built once) -------------------------------------------------
@pytest.mark.slow
def test_mobilenetv2_without_top_has_keras_shapes_and_counts_layer_by_layer():
    import keras

    result = read_backbone("MobileNetV2", MOBILENET_160, set())
    assert isinstance(result, Backbone)
    assert result.group.name == "mobilenetv2_1.00_160" and result.group.label == "MobileNetV2"
    assert result.group.what == "backbone" and result.group.members == tuple(layer.name for layer in result.layers)
    assert result.params == 2_257_984 and keys(result) == ["backbone.weights_not_loaded"]
    from explorer.shapes import describe

    desc = describe(ModelSpec(result.inputs, result.layers, result.outputs))
    assert desc.failure is None and desc.total_params == 2_257_984
    assert desc.step(result.outputs[0][0]).output_shape == (None, 5, 5, 1280)
    model = keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False, weights=None)
    assert len(model.layers) == len(desc.steps)
    for layer, step in zip(model.layers, desc.steps):  # in call order (the test's own names may count on)
        assert (tuple(layer.output.shape), layer.count_params()) == (step.output_shape, step.params), layer.name
    assert sum(layer.count_params() for layer in model.layers) == desc.total_params


@pytest.mark.slow
def test_the_same_call_by_position_and_alias_is_the_cached_result():
    by_name = read_backbone("MobileNetV2", MOBILENET_160, set())
    by_position = read_backbone("mobilenet_v2.MobileNetV2", {"weights": "imagenet"}, set(), ((160, 160, 3), 1.0, False))
    assert isinstance(by_name, Backbone) and by_position.layers == by_name.layers
    # weights=None: the same shapes, without the note about weights
    plain = read_backbone("MobileNetV2", {**MOBILENET_160, "weights": None}, set())
    assert plain.layers == by_name.layers and plain.notes == ()


@pytest.mark.slow
def test_names_the_learner_uses_are_renamed_in_every_reference():
    result = read_backbone("MobileNetV2", MOBILENET_160, {"input_layer", "Conv1", "out_relu"})
    prefix = "mobilenetv2_1.00_160/"
    assert result.inputs[0].name == prefix + "input_layer"
    names = [layer.name for layer in result.layers]
    assert prefix + "Conv1" in names and "Conv1" not in names and names[-1] == prefix + "out_relu"
    first = result.layers[0]
    assert first.name == prefix + "Conv1" and first.inputs == ((prefix + "input_layer", 0),)
    assert result.layers[1].inputs == ((prefix + "Conv1", 0),)
    assert result.outputs == ((prefix + "out_relu", 0),) and result.group.outputs == result.outputs
    assert result.group.members == tuple(names)
    every_ref = {ref for layer in result.layers for ref, _ in layer.inputs}
    assert every_ref <= {result.inputs[0].name, *names}
    from explorer.shapes import describe

    assert describe(ModelSpec(result.inputs, result.layers, result.outputs)).total_params == 2_257_984


@pytest.mark.slow
def test_resnet50_without_top():
    result = read_backbone("ResNet50", {"include_top": False, "input_shape": (224, 224, 3)}, {"dense"})
    assert isinstance(result, Backbone) and result.group.name == "resnet50" and result.params == 23_587_712
    from explorer.shapes import describe

    desc = describe(ModelSpec(result.inputs, result.layers, result.outputs))
    assert desc.failure is None and desc.total_params == 23_587_712
    assert desc.step(result.outputs[0][0]).output_shape == (None, 7, 7, 2048)
    # MaxPooling2D(3, strides=2): the strides are kept (the reader alone would drop them as Keras's default)
    assert desc.step("pool1_pool").output_shape == (None, 56, 56, 64)


@pytest.mark.slow
def test_an_architecture_with_layers_the_registry_lacks_is_refused_with_the_reader_reasons():
    """MobileNetV3's hard-sigmoid is x + 3 and x * (1 / 6) on tensors: operations the JSON reader refuses."""
    result = refusal("MobileNetV3Small", {"include_top": False, "input_shape": (96, 96, 3)})
    assert keys(result)[0] == "backbone.not_converted"
    assert ("json.module_refused", "keras.src.ops.numpy") in {(n.key, n.param("module")) for n in result.notes[1:]}


@pytest.mark.slow
def test_efficientnet_converts_with_its_unadapted_normalization_and_dropout_noise_shape():
    result = read_backbone("EfficientNetB0", {"include_top": False, "input_shape": (96, 96, 3), "weights": None})
    assert isinstance(result, Backbone) and result.params == 4_049_571
