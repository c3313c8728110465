"""Compare a screenshot with its golden PNG under tests/screenshots/golden/.

Tolerance as in Streamlit's own snapshot tests: pixelmatch with a per-pixel threshold of 0.05,
and a failure when more than 0.2 % of the pixels differ. A missing golden is written and the test
fails (so one run creates them all); UPDATE_GOLDENS=1 rewrites every golden on purpose. On a
mismatch, <name>-actual.png, <name>-expected.png and <name>-diff.png go to tests/screenshots/failures/.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pixelmatch.contrib.PIL import pixelmatch

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
GOLDEN_DIR = SCREENSHOTS / "golden"
FAILURE_DIR = SCREENSHOTS / "failures"
PIXEL_THRESHOLD = 0.05
MAX_DIFF_FRACTION = 0.002
_AA_MARGIN = 3  # pixelmatch's anti-aliasing check looks up to 2 pixels around a pixel


def updating() -> bool:
    return os.environ.get("UPDATE_GOLDENS", "") not in ("", "0")


def count_differing(actual: Image.Image, expected: Image.Image) -> tuple[int, Image.Image | None]:
    """Pixels pixelmatch calls different, and its diff image (None when no pixel changed at all).

    pixelmatch is pure Python, so it only sees the bounding box of the pixels that changed at all
    (plus a margin for its anti-aliasing check); identical pixels can never count as different.
    """
    a, e = np.asarray(actual), np.asarray(expected)
    changed = np.any(a != e, axis=-1)
    if not changed.any():
        return 0, None
    ys, xs = np.nonzero(changed)
    box = (max(xs.min() - _AA_MARGIN, 0), max(ys.min() - _AA_MARGIN, 0),
           min(xs.max() + 1 + _AA_MARGIN, a.shape[1]), min(ys.max() + 1 + _AA_MARGIN, a.shape[0]))
    crop_diff = Image.new("RGBA", (box[2] - box[0], box[3] - box[1]))
    mismatched = pixelmatch(actual.crop(box), expected.crop(box), crop_diff, threshold=PIXEL_THRESHOLD)
    diff = Image.blend(expected.convert("RGB"), Image.new("RGB", expected.size, "white"), 0.8).convert("RGBA")
    diff.paste(crop_diff, box[:2])
    return mismatched, diff


def assert_matches_golden(png: bytes, name: str) -> None:
    golden = GOLDEN_DIR / f"{name}.png"
    actual = Image.open(io.BytesIO(png)).convert("RGBA")
    if updating() or not golden.exists():
        GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
        actual.save(golden, optimize=True)
        if not updating():
            pytest.fail(f"no golden for {name}: wrote {golden.relative_to(SCREENSHOTS.parent.parent)}; "
                        "look at it, commit it and run again")
        return
    expected = Image.open(golden).convert("RGBA")
    if actual.size != expected.size:
        _write_failure(name, actual, expected, None)
        pytest.fail(f"{name}: size {actual.size} differs from the golden's {expected.size}; "
                    f"images in {FAILURE_DIR} (UPDATE_GOLDENS=1 re-creates goldens after an intended change)")
    mismatched, diff = count_differing(actual, expected)
    allowed = int(MAX_DIFF_FRACTION * actual.width * actual.height)
    if mismatched > allowed:
        _write_failure(name, actual, expected, diff)
        pytest.fail(f"{name}: {mismatched} pixels differ (allowed {allowed}); actual, expected and diff images "
                    f"in {FAILURE_DIR} (UPDATE_GOLDENS=1 re-creates goldens after an intended change)")


def _write_failure(name: str, actual: Image.Image, expected: Image.Image, diff: Image.Image | None) -> None:
    FAILURE_DIR.mkdir(parents=True, exist_ok=True)
    actual.save(FAILURE_DIR / f"{name}-actual.png")
    expected.save(FAILURE_DIR / f"{name}-expected.png")
    if diff is not None:
        diff.save(FAILURE_DIR / f"{name}-diff.png")
