"""A thread-safe least-recently-used cache bounded by bytes, not by entry count.

Streamlit's caches bound the number of entries, but one large configuration can weigh a hundred
small ones; the byte sizes come from `explorer.budget`, so the bound holds before anything is built.
Two sessions asking for the same key at once build it once.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Generic, Hashable, TypeVar

V = TypeVar("V")


class ByteBoundedCache(Generic[V]):
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.misses = 0
        self.evictions = 0  # entries dropped to stay under max_bytes (their memory is freed by the next gc)

    @property
    def total_bytes(self) -> int:
        with self._lock:
            return sum(size for _, size in self._items.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def _lookup(self, key: Hashable) -> tuple[bool, V | None]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return True, self._items[key][0]
        return False, None

    def get_or_create(self, key: Hashable, nbytes: int, factory: Callable[[], V]) -> V:
        """The cached value for key, or factory() stored under it (evicting the oldest to fit)."""
        found, value = self._lookup(key)
        if found:
            return value  # type: ignore[return-value]
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            found, value = self._lookup(key)
            if found:
                return value  # type: ignore[return-value]
            created = factory()
            with self._lock:
                self.misses += 1
                if nbytes <= self.max_bytes:
                    self._items[key] = (created, nbytes)
                    used = sum(size for _, size in self._items.values())
                    while used > self.max_bytes:
                        _, (_, size) = self._items.popitem(last=False)
                        used -= size
                        self.evictions += 1
                self._key_locks.pop(key, None)
            return created
