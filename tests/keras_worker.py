"""One Keras process for the whole test session, shared by tests/test_corpus.py, tests/test_export.py and
tests/test_fix_loop.py (each started its own, and each paid TensorFlow's import: 8 to 20 s of CPU).

Our own test data only (corpus files, exports of them, fixes of them), never user input. The process is
started once, at the end of collection when one of those modules was collected (it imports Keras while the
first test files run), or at its first use; it ends with the session. Jobs are sent one a line, run in the
order they arrive, each after keras.backend.clear_session() and with Keras's global settings put back as a
fresh interpreter has them (so a job sees what it would see alone: Keras names layers by its counters), and
each answered on its own line as soon as it is done:
    {"file": {"path", "source", "renames", "build"}}: a corpus file run, its layers' shapes and parameters
        (or the layer that fails and Keras's words), as tests/test_corpus.py compares them;
    {"name": [class, args, inner]}: the name Keras gives a layer of that class;
    {"export": [key, code]}: an exported program run as __main__ as is (fit, evaluate, predict are Keras's
        own there): every operation's output shapes and parameters, the total and the last line it printed.
"""
from __future__ import annotations

import atexit
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading

WORKER = r'''
import contextlib, gc, io, json, os, re, sys, tokenize, traceback, warnings
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
warnings.simplefilter("ignore")
import keras
gc.freeze()  # TensorFlow's objects out of the way of clear_session's gc.collect (0.2 s each, ~190 of them)
answer = os.fdopen(os.dup(1), "w", encoding="utf-8")  # the answers' own stream: a job's prints never reach it
MODEL_METHODS = {m: getattr(keras.Model, m) for m in ("fit", "evaluate", "predict")}
FRESH = (keras.config.floatx(), keras.config.image_data_format(), keras.config.epsilon(),
         keras.config.dtype_policy().name)

def fresh(corpus):
    """As a fresh interpreter has Keras; a corpus file's training lines are not run."""
    keras.backend.clear_session()
    keras.config.set_floatx(FRESH[0])
    keras.config.set_image_data_format(FRESH[1])
    keras.config.set_epsilon(FRESH[2])
    keras.config.set_dtype_policy(FRESH[3])
    for method, original in MODEL_METHODS.items():
        setattr(keras.Model, method, (lambda self, *args, **kwargs: None) if corpus else original)
    if corpus:
        keras.config.disable_traceback_filtering()  # keep Keras's own frames: they say which layer failed
    else:
        keras.config.enable_traceback_filtering()

def renamed(source, renames):
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    out = [(t.type, renames.get(t.string, t.string)) if t.type == tokenize.NAME else (t.type, t.string)
           for t in tokens]
    return tokenize.untokenize(out)

def failing_layer(tb):
    for frame, _ in traceback.walk_tb(tb):
        me = frame.f_locals.get("self")
        if (frame.f_code.co_name == "__call__" and isinstance(me, keras.layers.Layer)
                and not isinstance(me, keras.Model)):
            return me.name
    return None

def shapes_of(tensors):
    tensors = tensors if isinstance(tensors, (list, tuple)) else [tensors]
    return [list(t.shape) for t in tensors]

def run_file(job):
    fresh(corpus=True)
    namespace = {"__name__": "__main__", "x_train": None, "y_train": None, "x_test": None, "y_test": None}
    with contextlib.redirect_stdout(io.StringIO()):
        source = re.sub(r"weights\s*=\s*['\"]imagenet['\"]", "weights=None", job["source"])  # nothing downloaded
        exec(compile(renamed(source, job["renames"]), job["path"], "exec"), namespace)
        model = [v for v in namespace.values() if isinstance(v, keras.Model)][-1]
        if not model.built:
            model.build(tuple(job["build"]))
    nodes, groups = {}, {}
    subclassed = type(model).__module__.split(".")[0] != "keras"
    for tensor in ([] if subclassed else model.inputs):
        nodes[tensor._keras_history.operation.name] = {"shapes": [list(tensor.shape)], "params": 0}

    def inside(layer):
        """The layers a model used as a layer, or a class of the file, holds: Keras's one row for them."""
        if isinstance(layer, keras.Model) and type(layer).__module__.split(".")[0] == "keras":
            return layer.layers
        return getattr(layer, "_layers", None) if type(layer).__module__.split(".")[0] != "keras" else None

    def walk(layers, known):
        """known: Keras knows each layer's output here (not inside a class of the file, whose call Keras
        runs as one step): then shapes are compared too, else only parameters."""
        for layer in layers:
            if isinstance(layer, keras.layers.InputLayer):
                continue
            shapes = shapes_of(layer.output) if known else None
            if isinstance(layer, keras.layers.Lambda):  # its function's operations: the explorer's group members
                groups[layer.name] = {"shapes": shapes, "params": layer.count_params()}
                continue
            if inside(layer) is not None:
                groups[layer.name] = {"shapes": shapes, "params": layer.count_params()}
                walk(inside(layer), known and type(layer).__module__.split(".")[0] == "keras")
                continue
            nodes[layer.name] = {"shapes": shapes, "params": layer.count_params()}

    output = None
    if subclassed:  # a symbolic call builds every layer it holds
        output = shapes_of(model(keras.Input(batch_shape=tuple(job["build"]))))
    walk(inside(model) if subclassed else model.layers, not subclassed)
    graph = None if subclassed else getattr(model, "operations", None) or model._functional.operations
    for operation in graph or ():  # x + y: an operation of the graph, no layer
        if not isinstance(operation, keras.layers.Layer):
            nodes[operation.name] = {"shapes": shapes_of(operation.output), "params": 0}
    return {"ok": True, "nodes": nodes, "groups": groups, "output": output}

def corpus_file(job):
    try:
        return run_file(job)
    except Exception as error:
        return {"ok": False, "layer": failing_layer(error.__traceback__), "error": str(error)[:2000]}

def named(cls, args, inner):
    fresh(corpus=True)
    layer_cls = getattr(keras.layers, cls)
    layer = layer_cls(getattr(keras.layers, inner[0])(**inner[1]), **args) if inner else layer_cls(**args)
    return layer.name

def exported(key, code):
    fresh(corpus=False)  # as in a fresh interpreter: Keras names operations (get_item) by its counters
    out = io.StringIO()
    namespace = {"__name__": "__main__"}
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, key, "exec"), namespace)
        model = namespace["model"]
        return {
            # the layers, and the operations (x / 127.5, keras.ops.reshape) Keras keeps beside them
            "layers": {op.name: {"shapes": shapes_of(op.output),
                                 "params": op.count_params() if isinstance(op, keras.layers.Layer) else 0}
                       for op in model.operations},
            "total": model.count_params(),
            "printed": out.getvalue().strip().splitlines()[-1],
        }
    except Exception:
        return {"error": traceback.format_exc()[-3000:]}

for line in sys.stdin:  # one job a line, each run as soon as it arrives and answered at once
    job = json.loads(line)
    if "file" in job:
        result = corpus_file(job["file"])
    elif "name" in job:
        result = named(*job["name"])
    else:
        result = exported(*job["export"])
    answer.write("RESULT " + json.dumps({"id": job["id"], "result": result}) + "\n")
    answer.flush()
'''


class SharedKeras:
    """The WORKER above in a fresh interpreter; submit() sends a job, wait() returns its answers. A reader thread
    drains the answers as they come (the process never blocks on a full pipe); its other output goes to a file."""

    def __init__(self):
        self.folder = tempfile.TemporaryDirectory(prefix="keras-worker-")  # its working directory
        self.err = open(os.path.join(self.folder.name, "err.txt"), "w+", encoding="utf-8")  # noqa: SIM115
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONIOENCODING="utf-8")
        self.process = subprocess.Popen([sys.executable, "-c", WORKER], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.err, text=True, encoding="utf-8",
                                        env=env, cwd=self.folder.name)
        self.answers: dict[int, object] = {}
        self.done = threading.Condition()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.startswith("RESULT "):
                answer = json.loads(line[len("RESULT "):])
                with self.done:
                    self.answers[answer["id"]] = answer["result"]
                    self.done.notify_all()
        with self.done:  # the process ended: whoever waits is told
            self.done.notify_all()

    def submit(self, **job) -> int:
        self.next_id += 1
        with contextlib.suppress(BrokenPipeError, OSError):  # the process died: wait() says why
            self.process.stdin.write(json.dumps({"id": self.next_id, **job}) + "\n")
            self.process.stdin.flush()
        return self.next_id

    def wait(self, ids, timeout: float = 600) -> dict:
        """{id: answer} for these jobs; fails with the process's last words if it died or took too long."""
        ids = list(ids)
        with self.done:
            complete = self.done.wait_for(
                lambda: all(i in self.answers for i in ids) or self.process.poll() is not None, timeout=timeout)
            missing = [i for i in ids if i not in self.answers]
        if missing:
            self.err.flush()
            self.err.seek(0)
            words = self.err.read()[-3000:]
            raise AssertionError(f"the Keras worker answered {len(ids) - len(missing)} of {len(ids)} jobs "
                                 f"({'timed out' if not complete else 'it ended'}): {words}")
        return {i: self.answers.pop(i) for i in ids}

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.err.close()
        self.folder.cleanup()


_shared: list[SharedKeras] = []


def shared() -> SharedKeras:
    """The session's Keras process, started at the first call (a dead one is replaced)."""
    if not _shared or _shared[0].process.poll() is not None:
        if _shared:
            _shared.pop().close()
        _shared.append(SharedKeras())
    return _shared[0]


@atexit.register
def close_shared() -> None:
    while _shared:
        _shared.pop().close()


class KerasWorker:
    """A batch of corpus jobs on the shared process (the interface tests/test_fix_loop.py uses): send() each
    file={"path", "source", "renames", "build"} or name=[class, args, inner]; results() waits for this batch:
    {"files": {path: ...}, "names": {class: ...}}."""

    def __init__(self):
        self.worker = shared()
        self.jobs: list[tuple[str, str, int]] = []

    def send(self, **job) -> None:
        (what, value), = job.items()
        key = value["path"] if what == "file" else value[0]
        self.jobs.append(("files" if what == "file" else "names", key, self.worker.submit(**job)))

    def results(self, timeout: float = 600) -> dict:
        answers = self.worker.wait([i for _, _, i in self.jobs], timeout)
        out: dict = {"files": {}, "names": {}}
        for what, key, i in self.jobs:
            out[what][key] = answers[i]
        return out

    def close(self) -> None:
        """Nothing to end: the process is the session's."""
