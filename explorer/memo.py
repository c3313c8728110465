"""A thread-safe least-recently-used cache bounded by bytes, not by entry count.

Streamlit's caches bound the number of entries, but one large configuration can weigh a hundred
small ones; the byte sizes come from `explorer.budget`, so the bound holds before anything is built.
Two sessions asking for the same key at once build it once. A value dropped to stay under the bound
but still in use (a session's run holds its model while others' models push it out) is found again
instead of built twice. `FairSlots` lets heavy work take turns.
"""
from __future__ import annotations

import contextlib
import heapq
import itertools
import threading
import weakref
from collections import OrderedDict
from typing import Generic, TypeVar
from collections.abc import Callable, Hashable

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
        # every value created, for as long as something else keeps it alive (no memory of its own)
        self._alive: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
        self.revived = 0  # asks answered by a dropped value still in use

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
            self._alive.clear()

    def _lookup(self, key: Hashable) -> tuple[bool, V | None]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return True, self._items[key][0]
            value = self._alive.get(key)
            if value is not None:
                self.revived += 1
                return True, value
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
                with contextlib.suppress(TypeError):  # a value that cannot be weakly referenced (an int, a tuple)
                    self._alive[key] = created
                if nbytes <= self.max_bytes:
                    self._items[key] = (created, nbytes)
                    used = sum(size for _, size in self._items.values())
                    while used > self.max_bytes:
                        _, (_, size) = self._items.popitem(last=False)
                        used -= size
                        self.evictions += 1
                self._key_locks.pop(key, None)
            return created


class FairSlots:
    """At most `n` holders at a time, served in the order their threads first asked: `with slots: work()`.

    A thread keeps the place of its first request for all its later ones (Streamlit runs each script
    run on a thread of its own, so a run that has started its heavy work finishes it before a later run
    starts its own), and a freed slot is handed straight to the waiter with the earliest place, so a
    thread that has just finished a step cannot take the slot back before the others.

    Measured: eight sessions each building and running the tagger three times, with threading.Semaphore
    p50 0.45 s but max 9.6 s; one step after another in arrival order, p95 3.5 s and max 3.5 s, for the
    same total time. A class of 30 arriving at once: with each step queued anew (build, forward pass,
    X-ray), a run waited behind the whole queue three times (whole runs p50 6.7-9.8 s).
    """

    _new_turn = threading.Event  # (a test replaces it to interrupt a wait)

    def __init__(self, n: int):
        if n < 1:
            raise ValueError("FairSlots needs at least one slot")
        self._lock = threading.Lock()
        self._free = n
        self._queue: list[tuple[int, int, threading.Event]] = []  # a heap: (place, request number, turn)
        self._requests = itertools.count()
        self._places = threading.local()

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._queue)

    def _place(self) -> int:
        place = getattr(self._places, "place", None)
        if place is None:
            place = self._places.place = next(self._requests)
        return place

    def __enter__(self) -> FairSlots:
        with self._lock:
            place = self._place()
            if self._free and not self._queue:
                self._free -= 1
                return self
            entry = (place, next(self._requests), self._new_turn())
            heapq.heappush(self._queue, entry)
        turn = entry[2]
        try:
            turn.wait()  # the slot is ours once set: the releaser handed it over without freeing it
        except BaseException:  # interrupted while waiting: leave the queue, or pass on a slot just handed over
            with self._lock:
                if entry in self._queue:
                    self._queue.remove(entry)
                    heapq.heapify(self._queue)
                    raise
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        with self._lock:
            if self._queue:
                heapq.heappop(self._queue)[2].set()
            else:
                self._free += 1
