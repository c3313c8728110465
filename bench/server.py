"""The benchmark's processes: start, watch and stop a `streamlit run` server (optionally through
bench/timed_server.py, which logs the server's own time per script run), read that log, and describe the machine."""
from __future__ import annotations

import contextlib
import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def status_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"process {pid} has no {field} (it exited)")


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def start_server(script: str, port: int, run_log: Path | None = None) -> subprocess.Popen:
    """`streamlit run script` on 127.0.0.1:port; with run_log, through bench/timed_server.py (the same
    command line, in the same process) writing one JSON line per script run to run_log."""
    if not port_free(port):  # never measure somebody else's server
        raise RuntimeError(f"port {port} is in use")
    flags = ["--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    if run_log is None:
        cmd = [sys.executable, "-m", "streamlit", "run", script, *flags]
    else:
        run_log.unlink(missing_ok=True)
        env["BENCH_RUN_LOG"] = str(run_log)
        cmd = [sys.executable, str(ROOT / "bench" / "timed_server.py"), script, *flags]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def read_runs(run_log: Path, start: float = 0.0, end: float = float("inf")) -> list[dict]:
    """The logged script runs that started within [start, end] (time.time() seconds), oldest first."""
    if not run_log.exists():
        return []
    runs = [json.loads(line) for line in run_log.read_text(encoding="utf-8").splitlines() if line.strip()]
    return sorted((r for r in runs if start <= r["start"] <= end), key=lambda r: r["start"])


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds the process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants_cpu(root: int) -> dict[int, tuple[str, float]]:
    """pid → (command name, CPU seconds) for every live process descended from root (root itself included)."""
    parents, names = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                head, tail = f.read().rsplit(")", 1)
        except OSError:  # it exited meanwhile
            continue
        parents[int(entry)], names[int(entry)] = int(tail.split()[1]), head.split("(", 1)[1]
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        try:
            out[pid] = (names.get(pid, "?"), cpu_seconds(pid))
        except OSError:
            continue
        todo += [child for child, parent in parents.items() if parent == pid]
    return out


def cpu_by_name(before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds used between two descendants_cpu() readings, summed by command name."""
    out: dict[str, float] = {}
    for pid, (name, seconds) in after.items():
        used = seconds - (before[pid][1] if pid in before else 0.0)
        out[name] = out.get(name, 0.0) + used
    return out


def machine_busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (everything but idle and iowait)."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server on {port} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.read().strip() == b"ok" and proc.poll() is None:
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise TimeoutError(f"server on {port} not healthy")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("tensorflow-cpu", "tensorflow", "keras", "streamlit", "playwright"):
        with contextlib.suppress(PackageNotFoundError):
            out[name] = version(name)
    return out


def machine() -> dict:
    with open("/proc/cpuinfo") as cpuinfo:
        cpu = next((l.split(":", 1)[1].strip() for l in cpuinfo if l.startswith("model name")), "?")
    with open("/proc/meminfo") as meminfo:
        mem_kb = next(int(l.split()[1]) for l in meminfo if l.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "memory_gb": round(mem_kb / 2**20, 1), "cpu": cpu,
            "python": platform.python_version(), "load_before": os.getloadavg(),
            "versions": versions()}
