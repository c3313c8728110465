"""get_item's key, read by its kind (letters, code line) and its X-ray: one module both import.

A key is a tuple of entries, each ("index", i), ("slice", start, stop, step) with None where absent, ("newaxis",)
or ("ellipsis",): x[:, -1] is (("slice", None, None, None), ("index", -1)).
"""
from __future__ import annotations


def key_text(key) -> str:
    """get_item's key as Python writes it: (("slice", None, None, None), ("index", -1)) -> ':, -1'."""
    parts = []
    for entry in key or ():
        if entry[0] == "index":
            parts.append(str(entry[1]))
        elif entry[0] == "slice":
            start, stop, step = (("" if v is None else str(v)) for v in entry[1:4])
            parts.append(f"{start}:{stop}" + (f":{step}" if step else ""))
        elif entry[0] == "newaxis":
            parts.append("None")
        else:
            parts.append("...")
    return ", ".join(parts)


def key_axes(key, rank: int) -> list[tuple[str, int | None]]:
    """What each entry does, input axis by input axis: ("index", k), ("slice", k), ("new", None); the axes no
    entry names are ("slice", k) of a whole slice (kept)."""
    entries = list(key or ())
    named = sum(1 for e in entries if e[0] in ("index", "slice"))
    out, k = [], 0
    for entry in entries:
        if entry[0] == "ellipsis":
            for _ in range(rank - named):
                out.append(("keep", k))
                k += 1
        elif entry[0] == "newaxis":
            out.append(("new", None))
        else:
            out.append((entry[0], k))
            k += 1
    out += [("keep", j) for j in range(k, rank)]
    return out
