"""The .keras reader (a zip of which only config.json is read, within bounds) and mutations of valid
configs and archives: never an exception, always a model or a note saying why not."""
import copy
import functools
import io
import json
import struct
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.i18n import catalog
from explorer.reader.keras_file import MAX_CONFIG_BYTES, read_keras_file, read_member
from explorer.reader.keras_json import read_keras_json
from explorer.shapes import describe
from json_models import KEYS_SEEN, config_text, read_timed, refused, zip_bytes


# -- the .keras archive ---------------------------------------------------------------------------


def test_file_reads_only_config_json():
    text = config_text("stacked_lstm")
    data = zip_bytes([("metadata.json", "{}"), ("config.json", text), ("model.weights.h5", b"\x00not hdf5")])
    assert read_keras_file(data).spec == read_keras_json(text).spec
    # a weights member that is a zip bomb is never opened
    bomb = zip_bytes([("config.json", text), ("model.weights.h5", b"\x00" * (20 * 1024 * 1024))],
                     zipfile.ZIP_DEFLATED)
    assert read_timed(read_keras_file, bomb).spec is not None


def test_zip_bomb_config_is_refused():
    buffer = io.BytesIO()
    with (zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
          archive.open("config.json", "w", force_zip64=True) as member):
        zeros = b"0" * (1024 * 1024)
        for _ in range(50):
            member.write(zeros)
    data = buffer.getvalue()
    assert len(data) < 200_000
    refused(read_timed(read_keras_file, data), "json.zip_config_big")


def test_high_compression_ratio_is_refused():
    text = config_text("stacked_lstm")
    padded = text[:-1] + " " * (1024 * 1024) + "}"
    refused(read_timed(read_keras_file, zip_bytes([("config.json", padded)], zipfile.ZIP_DEFLATED)),
            "json.zip_ratio")


def test_ten_thousand_members_are_refused():
    data = zip_bytes([(str(i), b"") for i in range(10_000)])
    assert len(data) < 1024 * 1024
    refused(read_timed(read_keras_file, data), "json.zip_members")


def _lie_about_size(data, claimed):
    """Rewrite config.json's uncompressed size in the local and the central header."""
    out = bytearray(data)
    local = out.find(b"PK\x03\x04")
    central = out.find(b"PK\x01\x02")
    struct.pack_into("<I", out, local + 22, claimed)
    struct.pack_into("<I", out, central + 24, claimed)
    return bytes(out)


@pytest.mark.parametrize("claimed", [1_000, MAX_CONFIG_BYTES - 1])
def test_lying_header_gains_nothing(claimed):
    real = b" " * (3 * 1024 * 1024)  # 3 MB that compress to almost nothing
    data = _lie_about_size(zip_bytes([("config.json", real)], zipfile.ZIP_DEFLATED), claimed)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("config.json").file_size == claimed
    errors = refused(read_timed(read_keras_file, data))
    assert {n.key for n in errors} <= {"json.zip_bad", "json.zip_ratio", "json.zip_config_big"}


def test_streaming_read_stops_at_the_limit():
    data = zip_bytes([("config.json", b"x" * 5000)], zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("config.json")
        assert read_member(archive, info, 5000) == b"x" * 5000
        with pytest.raises(Exception) as caught:
            read_member(archive, info, 4999)
    assert caught.value.note.key == "json.zip_config_big"


@pytest.mark.parametrize("data,key", [
    (b"", "json.not_zip"), (b"hello, not a zip", "json.not_zip"), (b"PK\x03\x04" + b"\x00" * 100, "json.not_zip"),
    (b"\x89HDF\r\n\x1a\n" + b"\x00" * 100, "json.h5_file"), (b"x" * (1024 * 1024 + 1), "json.file_too_big"),
    ("config.json", "json.file_type"), (None, "json.file_type")])
def test_not_a_keras_file(data, key):
    refused(read_timed(read_keras_file, data), key)


def test_archive_without_or_with_two_configs():
    refused(read_keras_file(zip_bytes([("metadata.json", "{}")])), "json.zip_no_config")
    with pytest.warns(UserWarning):  # zipfile warns about the duplicate name as it writes it
        data = zip_bytes([("config.json", "{}"), ("config.json", "{}")])
    refused(read_keras_file(data), "json.zip_duplicate")
    refused(read_keras_file(zip_bytes([("config.json", b"\xff\xfe{")])), "json.zip_encoding")


# -- mutations of valid configs --------------------------------------------------------------------
@functools.cache
def valid_configs():
    return tuple(json.loads(config_text(name)) for name in ("tagger", "conv1d", "seq2seq", "two_inputs",
                                                           "return_state"))


def _paths(tree):
    """Every (container, key) in the tree."""
    found, stack = [], [tree]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            found.append((node, key))
            stack.append(value)
    return found


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**13), 10**13) | st.sampled_from([0, 1, -1, 2, 10**7, 10**7 + 1])
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12)
    | st.sampled_from(["Dense", "Lambda", "os", "keras.layers", "__lambda__", "relu", "concat", "same", "linear"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=8)


@pytest.mark.slow  # 1,000 generated archives
@settings(max_examples=1000, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_mutated_configs_never_raise(data):
    config = copy.deepcopy(data.draw(st.sampled_from(valid_configs())))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(config)
        if not paths:
            break
        container, key = paths[data.draw(st.integers(0, len(paths) - 1))]
        action = data.draw(st.sampled_from(["replace", "replace", "delete", "add", "duplicate"]))
        if action == "replace":
            container[key] = data.draw(JSON_VALUES)
        elif action == "delete":
            del container[key]
        elif action == "add" and isinstance(container, dict):
            container[data.draw(st.sampled_from(["units", "name", "module", "registered_name", "layer", "x"]))] = \
                data.draw(JSON_VALUES)
        elif action == "duplicate" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
    text = json.dumps(config)
    if data.draw(st.integers(0, 9)) == 0:  # sometimes damage the text itself
        cut = data.draw(st.integers(0, len(text)))
        text = text[:cut] + data.draw(st.sampled_from(["", "}", "[", '"', "NaN", "\x00", "9" * 30])) + text[cut + 1:]
    result = read_timed(read_keras_json, text)
    KEYS_SEEN.update(n.key for n in result.notes)
    assert all(isinstance(n.key, str) and all(isinstance(v, str) for _, v in n.params) for n in result.notes)
    assert "json.internal" not in {n.key for n in result.notes}  # every refusal has its own reason
    if result.spec is None:
        assert any(n.severity == "error" for n in result.notes)
    else:
        assert not any(n.severity == "error" for n in result.notes)
        if data.draw(st.integers(0, 2)) == 0:  # (a third of them: describing costs more than reading)
            describe(result.spec)  # a spec the reader accepts can be described (a failure is data, not a raise)


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_damaged_archives_never_raise(data):
    text = config_text("stacked_lstm")
    method = data.draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    archive = bytearray(zip_bytes([("metadata.json", "{}"), ("config.json", text)], method))
    for _ in range(data.draw(st.integers(1, 8))):
        archive[data.draw(st.integers(0, len(archive) - 1))] = data.draw(st.integers(0, 255))
    result = read_timed(read_keras_file, bytes(archive))
    KEYS_SEEN.update(n.key for n in result.notes)
    assert "json.internal" not in {n.key for n in result.notes}
    assert result.spec is not None or any(n.severity == "error" for n in result.notes)


@pytest.mark.slow  # reads what the slow mutation test saw
def test_zz_keys_seen_in_mutations_exist():
    """Runs after the mutation tests (pytest keeps file order): their note keys have text too."""
    assert len(KEYS_SEEN) > 10
    merged = catalog("en")
    assert sorted(k for k in KEYS_SEEN if k not in merged) == []
