"""The concurrency primitives under the page's caches (explorer/memo.py), from many threads: the
byte-bounded cache (one build per key, the bound held, a value still in use found again) and the turns
heavy work takes (in the order runs first asked, never lost to an interrupted waiter)."""
from __future__ import annotations

import gc
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from explorer.memo import ByteBoundedCache, FairSlots


def test_a_second_thread_waits_for_the_first_build_and_gets_its_result():
    cache: ByteBoundedCache = ByteBoundedCache(1000)
    started, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def slow_build():
        calls.append("first")
        started.set()
        release.wait(10)
        return object()

    with ThreadPoolExecutor(max_workers=3) as pool:
        first = pool.submit(cache.get_or_create, "model", 10, slow_build)
        assert started.wait(10)
        second = pool.submit(cache.get_or_create, "model", 10, lambda: calls.append("second") or object())
        other = pool.submit(cache.get_or_create, "other model", 10, lambda: "built")
        assert other.result(timeout=5) == "built"  # another key does not queue behind the slow build
        time.sleep(0.2)
        assert not second.done()  # the same key: waiting for the first thread's build
        release.set()
        assert second.result(timeout=10) is first.result(timeout=10)
    assert calls == ["first"]
    assert cache.misses == 2 and cache.hits == 1


def test_cache_builds_a_key_once_under_contention():
    cache: ByteBoundedCache = ByteBoundedCache(1000)
    calls: list[int] = []
    start = threading.Barrier(12)

    def factory():
        calls.append(1)
        time.sleep(0.05)  # long enough for every other thread to arrive while it builds
        return object()

    def get(_):
        start.wait()
        return cache.get_or_create("same", 10, factory)

    with ThreadPoolExecutor(max_workers=12) as pool:
        values = list(pool.map(get, range(12)))
    assert len(calls) == 1
    assert all(v is values[0] for v in values)
    assert cache.misses == 1 and cache.hits == 11


def test_cache_byte_bound_holds_under_threads():
    limit = 10_000
    cache: ByteBoundedCache = ByteBoundedCache(limit)
    seen_totals: list[int] = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            seen_totals.append(cache.total_bytes)

    def work(i):
        rng = random.Random(i)
        for _ in range(200):
            key = rng.randrange(60)
            size = 100 + 37 * key  # a key always has the same size, as a configuration's budget does
            value = cache.get_or_create(key, size, lambda key=key: ("value", key))
            assert value == ("value", key)
        cache.get_or_create(("too big", i), limit + 1, lambda: "not kept")

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(work, range(8)))
    finally:
        stop.set()
        watcher.join()
    assert max(seen_totals) <= limit and cache.total_bytes <= limit
    assert all(not (isinstance(k, tuple) and k[0] == "too big") for k in cache._items)
    assert len(cache) > 1


def _queue_in_order(slots: FairSlots, count: int, order: list) -> list[threading.Thread]:
    """`count` threads that ask for a turn one after another (each is waiting before the next asks)."""
    threads = []
    for i in range(count):
        thread = threading.Thread(target=lambda i=i: slots.__enter__() and (order.append(i), slots.__exit__()))
        thread.start()
        deadline = time.monotonic() + 5
        while slots.waiting < i + 1 and time.monotonic() < deadline:
            time.sleep(0.001)
        threads.append(thread)
    assert slots.waiting == count
    return threads


def test_heavy_work_takes_turns_first_come_first_served():
    slots, order = FairSlots(1), []
    with slots:
        threads = _queue_in_order(slots, 6, order)
    for thread in threads:
        thread.join(5)
    assert order == list(range(6))
    assert slots.waiting == 0


def test_a_finished_thread_cannot_take_its_turn_back_before_a_waiting_one():
    """threading.Semaphore lets the releasing thread re-acquire at once while another has waited;
    FairSlots hands the slot to the waiter."""
    slots, order = FairSlots(1), []
    slots.__enter__()
    threads = _queue_in_order(slots, 1, order)
    slots.__exit__()
    with slots:  # asks again at once, as a session's next heavy step does
        order.append("again")
    threads[0].join(5)
    assert order == [0, "again"]


class _Interrupted(Exception):
    pass


def _interrupted_turn(after_handover: bool):
    """An Event whose wait is interrupted (as a stopped script run's could be), before or after its turn came."""
    class Turn(threading.Event):
        def wait(self, timeout=None):
            if after_handover:
                super().wait(5)
            raise _Interrupted
    return Turn


@pytest.mark.parametrize("after_handover", [False, True])
def test_a_waiter_interrupted_while_waiting_never_loses_a_slot(after_handover):
    slots, errors = FairSlots(1), []
    slots._new_turn = _interrupted_turn(after_handover)

    def ask():
        try:
            with slots:
                errors.append("ran")
        except _Interrupted:
            errors.append("interrupted")

    slots.__enter__()
    thread = threading.Thread(target=ask)
    thread.start()
    if after_handover:
        deadline = time.monotonic() + 5
        while slots.waiting < 1 and time.monotonic() < deadline:
            time.sleep(0.001)
    thread.join(0 if after_handover else 5)
    slots.__exit__()  # hands the slot to the waiter, if it is still queued
    thread.join(5)
    assert errors == ["interrupted"] and slots.waiting == 0
    slots._new_turn = threading.Event
    got = []
    other = threading.Thread(target=lambda: slots.__enter__() and (got.append(1), slots.__exit__()))
    other.start()
    other.join(5)
    assert got == [1]  # the slot was not lost
    with pytest.raises(ValueError):
        FairSlots(0)


class _Model:
    """A stand-in for a built model or a forward pass (both can be weakly referenced)."""

    def __init__(self, key):
        self.key = key


def test_a_value_pushed_out_while_in_use_is_found_again_not_built_twice():
    """Eight sessions' models do not fit the byte bound together: one session's model is dropped while its
    run still holds it (between the table and the answer's check). Asking again must not build it again."""
    cache: ByteBoundedCache = ByteBoundedCache(1_000)
    built: list = []

    def make(key):
        built.append(key)
        return _Model(key)

    mine = cache.get_or_create("mine", 600, lambda: make("mine"))
    cache.get_or_create("other", 600, lambda: make("other"))  # pushes "mine" out of the bound
    assert "mine" not in cache._items and cache.evictions == 1
    assert cache.get_or_create("mine", 600, lambda: make("mine")) is mine
    assert built == ["mine", "other"] and cache.revived == 1
    huge = cache.get_or_create("huge", 5_000, lambda: make("huge"))  # never kept: larger than the bound
    assert cache.get_or_create("huge", 5_000, lambda: make("huge")) is huge
    assert built == ["mine", "other", "huge"]
    del mine, huge
    gc.collect()
    cache.get_or_create("mine", 600, lambda: make("mine"))  # no longer in use anywhere: built again
    assert built == ["mine", "other", "huge", "mine"]


def test_a_run_that_started_its_heavy_work_goes_before_runs_that_came_later():
    """A script run's forward pass and X-ray queue at the place of its first heavy step (its build), so a
    class arriving at once sees runs finish in the order they came, not every run waiting behind the whole
    queue once per step."""
    slots, order = FairSlots(1), []
    built, next_step = threading.Event(), threading.Event()

    def early_run():
        with slots:  # its build, while nobody waits
            pass
        built.set()
        next_step.wait(5)
        with slots:  # its forward pass, asked after two later runs queued
            order.append("early run")

    early = threading.Thread(target=early_run)
    early.start()
    assert built.wait(5)
    slots.__enter__()  # somebody else's long step
    later = _queue_in_order(slots, 2, order)  # two runs that came after the early one
    next_step.set()
    deadline = time.monotonic() + 5
    while slots.waiting < 3 and time.monotonic() < deadline:
        time.sleep(0.001)
    slots.__exit__()
    for thread in [early, *later]:
        thread.join(5)
    assert order == ["early run", 0, 1]
