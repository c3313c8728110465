"""Every layer of every preset and of every corpus model that builds, X-rayed on its real weights:
every check below 1e-5; the shown code reads in the page's language; and which kinds have an X-ray
and mistakes (a kind without them fails here)."""
from __future__ import annotations

import functools
import re

import pytest

from explorer.i18n import catalog, t
from explorer.layers import REGISTRY
from explorer.layers.base import LayerKind
from explorer.live.base import TOLERANCE, Text, code_text
from explorer.live.breakit import mistakes_for
from explorer.live.trace import trace_cost
from explorer.live.xrays import INNER, xray_layers, xray_of
from explorer.presets import PRESETS, preset_code
from explorer.reader.code import read_code
from test_corpus import FILES, _EXPECT
from layer_words import FAMILIES, family_words
from live_models import sequential, traced

# every corpus model that builds, but the backbones (over 120 layers): their kinds and arguments are X-rayed in the
# smaller models here and their shapes checked layer by layer in tests/test_corpus.py; X-raying 400 layers of a
# DenseNet on every run would double this file's time without reaching a line of code the others do not
BUILDS = [f for f in FILES if (m := _EXPECT.match(f.read_text().splitlines()[0])) and m.group(1)
          and len(read_code(f.read_text()).spec.layers) <= 120]
SOURCES = [(f"preset:{p}", preset_code(p)) for p in PRESETS] + [(f"corpus:{f.stem}", f.read_text()) for f in BUILDS]

# Small models that reach the code paths the presets and the corpus do not: conv groups, SpatialDropout1D,
# LayerNormalization, "same" average pooling, softmax, Flatten of channels_first, a Flatten a later layer needs
# (no_flatten), GRU reset_after=False without bias going backwards, Bidirectional merge_mode=None, Add with
# broadcasting, Concatenate of inputs differing on the joined axis, GRU and SimpleRNN from an initial_state; the
# elementwise kinds the presets do not use (Masking to SpatialDropout3D) and GroupNormalization's groups mistake.
# Then the kinds added later, each in some model: an image pipeline (Normalization and its adapt mistake, ReLU,
# RandomContrast, RandomTranslation in pixels, nearest and cropping bilinear Resizing, CenterCrop, depthwise and
# separable convs, Cropping2D written as the size kept, ZeroPadding2D, AveragePooling2D); a U-Net join of an odd
# size under bilinear UpSampling2D; ConvLSTM2D with return_sequences both ways before a layer that then breaks;
# Dot of sequences (normalize, axes=1 breaks) beside Attention and AdditiveAttention; the 1-D kinds
# (Conv1DTranspose to ConvLSTM1D); the 3-D kinds (Conv3D to ConvLSTM3D, the 3-D poolings) and the other merges;
# the later augmentation kinds with a Normalization before adapt() and a Dropout with noise_shape.
EXTRA = [
    ("extra:conv", sequential(
        'layers.Conv1D(6, 3, groups=2, padding="same", name="conv")', 'layers.SpatialDropout1D(0.3, name="sdrop")',
        'layers.LayerNormalization(name="ln")', 'layers.AveragePooling1D(2, padding="same", name="pool")',
        'layers.Activation("softmax", name="soft")', 'layers.Flatten(data_format="channels_first", name="flat")',
        'layers.Dense(6, name="dense")', 'layers.RepeatVector(3, name="rep")', input_shape="(12, 8)",
        dtype="float32", batch=2)),
    ("extra:rnn", sequential(
        'layers.GRU(5, reset_after=False, use_bias=False, go_backwards=True, return_sequences=True, name="gru")',
        'layers.Bidirectional(layers.LSTM(4, return_sequences=True), merge_mode="sum", name="bi")',
        'layers.BatchNormalization(name="bn")', 'layers.Permute((2, 1), name="perm")',
        'layers.Reshape((2, 14), name="rs")', 'layers.Bidirectional(layers.SimpleRNN(3), merge_mode=None, name="bi2")',
        input_shape="(7, 3)", dtype="float32", batch=2)),
    ("extra:merge", "import keras\nfrom keras import layers\n\n"
     'a = keras.Input(shape=(3, 4), batch_size=2, name="a")\nb = keras.Input(shape=(1, 4), batch_size=2, name="b")\n'
     'd = keras.Input(shape=(4,), batch_size=2, name="d")\ne = keras.Input(shape=(2, 4), batch_size=2, name="e")\n'
     'm = layers.Add(name="add")([a, b, d])\nc = layers.Concatenate(axis=1, name="cat")([m, e])\n'
     'model = keras.Model([a, b, d, e], c)\n'),
    ("extra:states", "import keras\nfrom keras import layers\n\n"
     "enc_in = keras.Input(shape=(5, 3), batch_size=2)\ndec_in = keras.Input(shape=(4, 3), batch_size=2)\n"
     '_, h = layers.GRU(6, return_state=True, name="enc")(enc_in)\n'
     'dec = layers.GRU(6, return_sequences=True, name="dec")(dec_in, initial_state=[h])\n'
     '_, s = layers.SimpleRNN(6, return_state=True, name="enc2")(enc_in)\n'
     'dec2 = layers.SimpleRNN(6, name="dec2")(dec_in, initial_state=[s])\n'
     "model = keras.Model([enc_in, dec_in], [dec, dec2])\n"),
    ("extra:conv2d", sequential('layers.Conv2D(4, 3, groups=2, name="conv")', 'layers.GlobalMaxPooling2D(name="gmp")',
                                input_shape="(6, 6, 4)", dtype="float32", batch=2)),
    ("extra:elementwise", sequential(
        'layers.Masking(name="mask")', 'layers.LeakyReLU(name="leaky")', 'layers.ELU(name="elu")',
        'layers.PReLU(shared_axes=[1], name="prelu")', 'layers.Softmax(axis=1, name="soft")',
        'layers.UnitNormalization(name="unit")', 'layers.GaussianNoise(0.1, name="noise")',
        'layers.GaussianDropout(0.2, name="gdrop")', 'layers.Identity(name="same")',
        'layers.GroupNormalization(groups=4, name="gn")', 'layers.Reshape((3, 4, 4), name="rs")',
        'layers.SpatialDropout2D(0.2, name="sdrop2")', 'layers.Reshape((3, 2, 2, 4), name="rs2")',
        'layers.SpatialDropout3D(0.2, name="sdrop3")', input_shape="(6, 8)", dtype="float32", batch=2)),
    ("extra:image", sequential(
        'layers.Normalization(mean=0.5, variance=0.25, name="norm")', 'layers.ReLU(name="relu")',
        'layers.RandomContrast(0.2, name="contrast")', 'layers.RandomTranslation(0.1, 0.1, name="shift")',
        'layers.Resizing(6, 8, interpolation="nearest", name="nearest")',
        'layers.Resizing(5, 5, interpolation="bilinear", crop_to_aspect_ratio=True, name="resize")',
        'layers.CenterCrop(4, 4, name="center")', 'layers.DepthwiseConv2D(3, padding="same", name="depth")',
        'layers.SeparableConv2D(4, 3, padding="same", name="sep")', 'layers.Cropping2D(1, name="crop")',
        'layers.ZeroPadding2D(1, name="pad")', 'layers.AveragePooling2D(2, name="pool")',
        input_shape="(8, 8, 3)", dtype="float32", batch=2)),
    ("extra:augment", sequential(
        'layers.Normalization(name="norm")', 'layers.RandomBrightness(0.2, name="bright")',
        'layers.RandomGrayscale(name="grey")', 'layers.RandomHue(0.2, name="hue")',
        'layers.RandomSaturation(0.2, name="sat")', 'layers.RandomShear(0.2, name="shear")',
        'layers.RandomErasing(name="erase")', 'layers.RandomCrop(8, 8, name="crop")',
        'layers.RandomSharpness(0.2, name="sharp")', 'layers.RandomGaussianBlur(name="blur")',
        'layers.RandomPerspective(name="persp")', 'layers.RandomPosterization(4, name="poster")',
        'layers.RandomInvert(name="invert")', 'layers.RandomColorDegeneration(0.2, name="degen")',
        'layers.RandomColorJitter(brightness_factor=0.2, hue_factor=0.1, name="jitter")',
        'layers.Solarization(threshold_factor=0.5, name="solar")',
        'layers.Dropout(0.2, noise_shape=(None, 1, 1, 1), name="drop")', input_shape="(8, 8, 3)", dtype="float32",
        batch=2)),
    ("extra:unet", "import keras\nfrom keras import layers\n\n"
     'x = keras.Input(shape=(6, 6, 2), batch_size=2, name="x")\n'
     'skip = layers.Conv2D(3, 3, padding="same", name="conv")(x)\n'
     'down = layers.MaxPooling2D(2, name="pool")(skip)\n'
     'up = layers.UpSampling2D(2, interpolation="bilinear", name="up")(down)\n'
     'out = layers.Concatenate(name="join")([skip, up])\n'
     "model = keras.Model(x, out)\n"),
    ("extra:convlstm", sequential(
        'layers.ConvLSTM2D(3, 3, padding="same", return_sequences=True, name="clstm")',
        'layers.ConvLSTM2D(2, 3, padding="same", name="clstm2")', 'layers.Conv2D(2, 3, name="conv")',
        input_shape="(3, 5, 5, 2)", dtype="float32", batch=2)),
    ("extra:dot", "import keras\nfrom keras import layers\n\n"
     'q = keras.Input(shape=(4, 5), batch_size=2, name="q")\nv = keras.Input(shape=(3, 5), batch_size=2, name="v")\n'
     'sim = layers.Dot(axes=2, normalize=True, name="dot")([q, v])\n'
     'att = layers.Attention(name="att")([q, v])\natt2 = layers.AdditiveAttention(name="add_att")([q, v])\n'
     "model = keras.Model([q, v], [sim, att, att2])\n"),
    ("extra:1d", sequential(
        'layers.ZeroPadding1D(1, name="pad")', 'layers.Conv1DTranspose(4, 3, strides=2, name="convt")',
        'layers.SeparableConv1D(4, 3, name="sep")', 'layers.Cropping1D((1, 2), name="crop")',
        'layers.UpSampling1D(2, name="up")', 'layers.Reshape((4, 8, 4), name="rs")',
        'layers.ConvLSTM1D(2, 3, padding="same", name="clstm")', input_shape="(8, 3)", dtype="float32", batch=2)),
    ("extra:3d", "import keras\nfrom keras import layers\n\n"
     'x = keras.Input(shape=(4, 4, 4, 2), batch_size=2, name="x")\n'
     'p = layers.ZeroPadding3D(1, name="pad")(x)\nc = layers.Conv3D(3, 3, name="conv")(p)\n'
     't = layers.Conv3DTranspose(2, 2, strides=2, name="convt")(c)\nm = layers.MaxPooling3D(2, name="maxp")(t)\n'
     'a = layers.AveragePooling3D(2, name="avgp")(m)\nu = layers.UpSampling3D(2, name="up")(a)\n'
     'k = layers.Cropping3D(1, name="crop")(u)\nr = layers.Reshape((2, 2, 2, 2, 1), name="rs")(k)\n'
     'seq = layers.ConvLSTM3D(2, 3, padding="same", name="clstm")(r)\n'
     'g1 = layers.GlobalAveragePooling3D(name="gap")(k)\ng2 = layers.GlobalMaxPooling3D(name="gmp")(k)\n'
     'd = layers.Subtract(name="sub")([g1, g2])\nhi = layers.Maximum(name="max")([g1, g2])\n'
     'lo = layers.Minimum(name="min")([g1, g2])\nmean = layers.Average(name="avg")([d, hi, lo])\n'
     "model = keras.Model(x, [seq, mean])\n"),
]


@functools.cache
def xrays_of(code: str) -> tuple:
    """((layer name, XRay), ...) for every layer of the model in `code` and every layer a wrapper runs
    ("bidirectional/forward_lstm"), following out[1, 2, 3, 1]."""
    spec, desc, model, trace = traced(code)
    names = xray_layers(desc, spec)
    assert tuple(n for n in names if INNER not in n) == tuple(s.name for s in desc.steps if s.cls != "InputLayer")
    return tuple((name, xray_of(model, spec, desc, trace, name, (1, 2, 3, 1))) for name in names)


def test_every_kind_has_an_xray():
    assert sorted(name for name, kind in REGISTRY.items() if not kind.has_xray) == []


def test_the_kinds_learners_get_wrong_most_have_mistakes():
    assert {"Dense", "LSTM", "GRU", "SimpleRNN", "Bidirectional", "Embedding", "Conv1D", "Reshape",
            "Concatenate"} <= {name for name, kind in REGISTRY.items() if type(kind).mistakes is not LayerKind.mistakes}


@pytest.mark.parametrize("label,code", SOURCES + EXTRA, ids=[s[0] for s in SOURCES + EXTRA])
def test_every_layer_recomputed_from_its_real_weights_matches(label, code):
    for name, xray in xrays_of(code):
        assert xray is not None and xray.checks, name
        bad = [(c.what.key, c.diff) for c in xray.checks if not c.diff < TOLERANCE]
        assert not bad, (label, name, bad)


@pytest.mark.parametrize("preset", PRESETS)
def test_presets_trace_within_the_step_budget_and_offer_mistakes(preset):
    spec, desc, _, _ = traced(preset_code(preset))
    assert trace_cost(desc) < 3_000
    mistakes = mistakes_for(spec, desc)
    assert mistakes and len({(m.key, m.layer) for m in mistakes}) == len(mistakes)


# -- the shown code in Chinese: comments translated, not left in English --------------------------------------
# An English word: 3+ ASCII letters standing alone in a comment (ASCII: a word glued to Chinese text still counts).
# A word written as code is not one: a call or an index with what is inside it (one_hot(ids), out[b, t]), a name
# joined to another, a dot, an "=" or a quote (np.nan, use_bias=False, "relu"); nor a name the code uses.
CALL = re.compile(r"[\w.]+[(\[][^()\[\]]*[)\]]|\([\d\s,]*\)", re.ASCII)
WORD = re.compile(r"(?<![\w.'\"=])[A-Za-z]{3,}(?![\w.(\['\"=])", re.ASCII)
# Words that stay as they are in every language: `for` of a comprehension written in a comment (`for r in
# range(3)`: range(3) is a call already), Python's literals, and the product's name (Keras's order i, f, c, o).
ALLOWED = {"for", "None", "True", "False", "Keras"}


def english_comment_words(line: str, code_above: str = "") -> set[str]:
    """The different English words of a line's comment (after its first #), other than the names its code uses;
    a comment on a line of its own continues the line above, and may use `code_above`'s names."""
    code, hash_, comment = line.partition("#")
    while CALL.search(comment):
        comment = CALL.sub(" ", comment)
    in_code = set(re.findall(r"[A-Za-z_]\w*", code if code.strip() else code_above))
    return {w for w in WORD.findall(comment) if hash_ and w not in in_code and w not in ALLOWED}


def untranslated(code) -> list[str]:
    """Lines of `code` rendered in Chinese whose comment still holds two or more different English words."""
    text = code_text(code, lambda note: t("zh", note.key, **dict(note.params)))
    found, above = [], ""
    for line in text.splitlines():
        if len(english_comment_words(line, above)) >= 2:
            found.append(line)
        above = line.partition("#")[0] if line.partition("#")[0].strip() else above
    return found


def notes_format(code) -> list[str]:
    """The keys of the code's Text notes that are missing or leave a {placeholder} in EN or ZH."""
    notes = [line.note for line in code if isinstance(line.note, Text)] if not isinstance(code, str) else []
    bad = []
    for note in notes:
        for lang in ("en", "zh"):
            try:
                text = t(lang, note.key, **dict(note.params))
            except (KeyError, IndexError):
                text = "{"
            if "{" in text or not text.strip():
                bad.append(f"{lang}:{note.key}")
    return bad


def test_the_word_check_finds_english_and_lets_code_through():
    assert english_comment_words("out = a  # the last step only") == {"the", "last", "step", "only"}
    assert english_comment_words("h = x  # (3, 6) each") == {"each"}
    assert english_comment_words("b = np.zeros(6)  # use_bias=False; np.nan, one_hot(ids), out[0] \"relu\"") == set()
    assert english_comment_words("# out[b, r, f] = x[b, f] for r in range(3)") == set()
    assert english_comment_words("# out[b, f] = x[b, *np.unravel_index(f, (3, 4))]") == set()
    assert english_comment_words("out = np.concatenate([lstm, conv], axis=-1)  # lstm, conv") == set()
    assert english_comment_words("    # gamma、beta：各为", "out = gamma * x + beta") == set()
    assert english_comment_words("x = 1  # 里面的Dense inside") == {"Dense", "inside"}
    assert untranslated("x = 1  # the same, as one_hot(ids) @ E") == ["x = 1  # the same, as one_hot(ids) @ E"]
    assert untranslated("out = x  # (2, 3)\n        # mask ~ Bernoulli(0.5); out = x * mask") == []
    assert untranslated("out = x  # (2, 3)\n        # the mask, per number") == ["        # the mask, per number"]


def test_every_worded_comment_of_the_code_is_shown_by_some_model():
    """Every `.code.` text of the live catalogs is the note of a line some model here shows (so the check
    below reads each of them in Chinese)."""
    shown = set()
    for _, code in SOURCES + EXTRA:
        spec, desc, _, _ = traced(code)
        for lines in [x.code for _, x in xrays_of(code)] + [m.code for m in mistakes_for(spec, desc)]:
            if not isinstance(lines, str):  # plain code has no notes
                shown |= {line.note.key for line in lines if isinstance(line.note, Text)}
    keys = {k for k in family_words(*FAMILIES, prefixes=("xray.", "mistake."))
            if ".code." in k or k.endswith(".code")}
    assert len(keys) > 30 and keys == shown, (sorted(keys - shown), sorted(shown - keys))


@pytest.mark.parametrize("label,code", SOURCES + EXTRA, ids=[s[0] for s in SOURCES + EXTRA])
def test_xray_and_mistake_code_reads_in_chinese(label, code):
    spec, desc, _, _ = traced(code)
    shown = [(f"xray {name}", xray.code) for name, xray in xrays_of(code)]
    shown += [(f"mistake {m.key} on {m.layer}", m.code) for m in mistakes_for(spec, desc)]
    english = [(what, line) for what, code in shown for line in untranslated(code)]
    assert not english, (label, english)
    bad = [(what, key) for what, code in shown for key in notes_format(code)]
    assert not bad, (label, bad)


def test_every_mistake_carries_its_words():
    """Each mistake names its words, written out where its family makes it (never built from its key)."""
    en, seen = catalog("en"), set()
    for _, code in SOURCES + EXTRA:
        spec, desc, _, _ = traced(code)
        for m in mistakes_for(spec, desc):
            assert (m.title_key, m.why_key) == (f"mistake.{m.key}.title", f"mistake.{m.key}.why"), m.key
            assert m.title_key in en and m.why_key in en, m.key
            seen.add(m.key)
    mistakes = {key.split(".")[1] for key in en if key.startswith("mistake.") and key.endswith(".title")}
    assert seen == mistakes, sorted(mistakes - seen)
