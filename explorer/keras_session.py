"""Keras's `clear_session()` made to clear the calling thread's Keras state only.

Streamlit calls `keras.backend.clear_session()` after every script run, on that run's thread, while other
sessions' runs may be building models. Keras keeps its global state (name counters, name scopes, whether
attribute tracking is on) in a `threading.local`, but its `clear_session` replaces that object for every thread
at once. A layer being made on another thread at that moment loses its own state mid-way: with tracking
switched back on inside `Layer._initialize_tracker`, the layer keeps a copy of its variable lists, its weights
go to the originals, and the model reports no weights for it (a tagger's `count_params()` without its
embedding, 2,490 for 2,922: tests/test_concurrency.py). Here a thread's clear empties its own state and
leaves the others' alone; the rest is what Keras's own does (TensorFlow's graph and kernel cache, gc).
"""
from __future__ import annotations

import gc
import sys
import threading

_lock = threading.Lock()
_installed = False


def clear_this_threads_session(free_memory: bool = True) -> None:
    """`keras.backend.clear_session()` for the calling thread: its name counters and scopes start anew."""
    from keras.src import backend
    from keras.src.backend.common import global_state

    global_state.GLOBAL_STATE_TRACKER.__dict__.clear()  # a threading.local's __dict__: this thread's own
    global_state.GLOBAL_SETTINGS_TRACKER.__dict__.clear()
    if backend.backend() == "tensorflow":
        import tensorflow as tf
        from tensorflow.python.eager import context

        tf.compat.v1.reset_default_graph()  # the default graph stack is per thread too
        if tf.executing_eagerly():
            context.context().clear_kernel_cache()
    if free_memory:
        gc.collect()


def install() -> None:
    """Put `clear_this_threads_session` wherever Keras exports `clear_session` (once; cheap after)."""
    global _installed
    if _installed:
        return
    with _lock:
        if _installed:
            return
        from keras.src.backend.common import global_state

        original = global_state.clear_session
        for name, module in list(sys.modules.items()):
            if name.split(".")[0] == "keras" and getattr(module, "clear_session", None) is original:
                module.clear_session = clear_this_threads_session
        _installed = True
