"""Read the model config inside a .keras file (a zip archive) as plain data.

Only the member `config.json` is read, within bounds checked before and while reading: the archive's
size, its number of members, config.json's declared size and compression ratio, and the bytes
actually decompressed (a header that lies about the size gains nothing). model.weights.h5 and every
other member are never opened. The text then goes to the JSON reader (keras_json.py); nothing is
handed to a Keras loader.
"""
from __future__ import annotations

import io
import zipfile

from ..spec import Note, ReadResult
from .keras_json import read_config

MAX_FILE_BYTES = 1024 * 1024
MAX_MEMBERS = 64
MAX_CONFIG_BYTES = 2 * 1024 * 1024
MAX_RATIO = 100  # a model config compresses about 5-10 times; a zip bomb thousands of times
CONFIG_MEMBER = "config.json"
CHUNK = 64 * 1024
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"


class _Refused(Exception):
    def __init__(self, key: str, **params: str):
        super().__init__(key)
        self.note = Note(0, 0, "error", key, tuple(params.items()))


def read_keras_file(data: bytes) -> ReadResult:
    """The model in a .keras file's config.json, or None with notes saying why. Never raises."""
    try:
        text = config_text(data)
    except _Refused as refused:
        return ReadResult(None, (), (refused.note,))
    except Exception as error:  # zipfile's own refusals of a damaged archive, whatever their type
        return ReadResult(None, (), (Note(0, 0, "error", "json.zip_bad", (("message", _message(error)),)),))
    return read_config(text, MAX_CONFIG_BYTES)


def config_text(data: object) -> str:
    """config.json of the archive as text; raises _Refused (or zipfile's errors) when it cannot be."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise _Refused("json.file_type")
    if len(data) > MAX_FILE_BYTES:
        raise _Refused("json.file_too_big", size=f"{len(data):,}", limit=f"{MAX_FILE_BYTES:,}")
    if data.startswith(HDF5_MAGIC):
        raise _Refused("json.h5_file")
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise _Refused("json.not_zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise _Refused("json.zip_members", count=f"{len(members):,}", limit=str(MAX_MEMBERS))
        configs = [m for m in members if m.filename == CONFIG_MEMBER]
        if not configs:
            raise _Refused("json.zip_no_config")
        if len(configs) > 1:
            raise _Refused("json.zip_duplicate")
        info = configs[0]
        if info.flag_bits & 0x1:
            raise _Refused("json.zip_bad", message="config.json is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _Refused("json.zip_bad", message=f"compression method {info.compress_type}")
        if info.file_size > MAX_CONFIG_BYTES:
            raise _Refused("json.zip_config_big", size=f"{info.file_size:,}", limit=f"{MAX_CONFIG_BYTES:,}")
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            raise _Refused("json.zip_ratio", ratio=f"{ratio:,.0f}", limit=str(MAX_RATIO))
        raw = read_member(archive, info, min(info.file_size, MAX_CONFIG_BYTES))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused("json.zip_encoding") from None


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most `limit` bytes of one member, counted as they are decompressed: one byte more is a refusal."""
    parts: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _Refused("json.zip_config_big", size=f"> {limit:,}", limit=f"{limit:,}")
    return b"".join(parts)


def _message(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"
