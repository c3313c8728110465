"""Where a browser-side time goes, from Chromium's DevTools protocol: the bench's split of one action into
input → request sent → table received → table shown, and the main thread's busy time.

A Probe watches one page: the websocket frames it sends and receives (Streamlit's messages, decoded with
Streamlit's own protobufs to find the one that carries the layer table, the first data frame of a run), the
scripts it downloads, and the renderer's cumulative counters (Performance.getMetrics: TaskDuration is the
main thread's busy time, ScriptDuration the JavaScript in it). DevTools timestamps are on the browser's
clock; each event is also stamped when it reaches the bench, and the smallest difference seen is taken as the
offset between the clocks (an event cannot arrive before it happened), so everything is on time.perf_counter().
"""
from __future__ import annotations

import base64
import re
import time
from collections import defaultdict

from playwright.async_api import BrowserContext, Page
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

BUSY_METRICS = ("TaskDuration", "ScriptDuration", "ProcessTime")


LAYER_TABLE = 'data-key="layer_table"'  # the layer table's HTML (explorer/ui/html_table.py), inside markdown


def carries_data_frame(payload: str) -> bool:
    """Whether a websocket frame carries the layer table (a markdown element holding its HTML)."""
    try:
        msg = ForwardMsg.FromString(base64.b64decode(payload))
    except Exception:  # a text frame or something else: not a Streamlit element
        return False
    return (msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element"
            and msg.delta.new_element.WhichOneof("type") == "markdown"
            and LAYER_TABLE in msg.delta.new_element.markdown.body)


class Probe:
    def __init__(self, cdp):
        self.cdp = cdp
        self.offset = float("inf")  # perf_counter() - DevTools timestamp, the smallest seen
        self.sent: list[float] = []
        self.received: list[tuple[float, bool]] = []  # (DevTools time, carries a data frame)
        self.scripts: dict[str, float] = {}  # request id → when its download finished
        self.script_bytes = 0
        self._kinds: dict[str, str] = {}

    @classmethod
    async def attach(cls, context: BrowserContext, page: Page) -> Probe:
        cdp = await context.new_cdp_session(page)
        probe = cls(cdp)
        await cdp.send("Network.enable")
        await cdp.send("Performance.enable")
        cdp.on("Network.webSocketFrameSent", lambda e: probe._stamp(e) or probe.sent.append(e["timestamp"]))
        cdp.on("Network.webSocketFrameReceived", probe._on_received)
        cdp.on("Network.responseReceived",
               lambda e: probe._stamp(e) or probe._kinds.__setitem__(e["requestId"], e["type"]))
        cdp.on("Network.loadingFinished", probe._on_finished)
        return probe

    def _stamp(self, event: dict) -> None:
        self.offset = min(self.offset, time.perf_counter() - event["timestamp"])

    def _on_received(self, event: dict) -> None:
        self._stamp(event)
        response = event["response"]
        self.received.append((event["timestamp"],
                              response.get("opcode") == 2 and carries_data_frame(response["payloadData"])))

    def _on_finished(self, event: dict) -> None:
        self._stamp(event)
        if self._kinds.get(event["requestId"]) == "Script":
            self.scripts[event["requestId"]] = event["timestamp"]
            self.script_bytes += int(event.get("encodedDataLength", 0))

    async def detach(self) -> None:
        await self.cdp.detach()

    def clear(self) -> None:
        self.sent.clear()
        self.received.clear()

    async def busy(self) -> dict[str, float]:
        metrics = {m["name"]: m["value"] for m in (await self.cdp.send("Performance.getMetrics"))["metrics"]}
        return {name: metrics.get(name, 0.0) for name in BUSY_METRICS}

    def at(self, timestamp: float | None, start: float) -> float | None:
        """A DevTools timestamp as seconds after start (a perf_counter() time)."""
        return None if timestamp is None else timestamp + self.offset - start

    def split(self, start: float) -> dict[str, float | None]:
        """Since start: the first message sent, the first received, the first carrying a data frame, the last."""
        table = next((ts for ts, frame in self.received if frame), None)
        return {"sent": self.at(self.sent[0] if self.sent else None, start),
                "first_received": self.at(self.received[0][0] if self.received else None, start),
                "table_received": self.at(table, start),
                "last_received": self.at(self.received[-1][0] if self.received else None, start),
                "scripts_done": self.at(max(self.scripts.values(), default=None), start),
                "script_mb": self.script_bytes / 2**20}


def busy_delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {name: after[name] - before[name] for name in before}


def chunk_name(url: str, function: str) -> str:
    """'http://…/static/js/PlotlyChart.D9Z0_fxz.js' → 'PlotlyChart'; no URL: the profiler's own bucket
    ('(program)' is the browser's native work: style, layout, paint; '(garbage collector)'; '(idle)')."""
    if not url:
        return function or "(anonymous)"
    name = url.rsplit("/", 1)[-1]
    return re.sub(r"\.[^.]+\.js$|\.js$", "", name) or url


async def profile(probe: Probe, action) -> dict[str, float]:
    """Seconds of the page's main thread per script chunk (self time, 1 ms samples) while `await action()` runs."""
    cdp = probe.cdp
    await cdp.send("Profiler.enable")
    await cdp.send("Profiler.setSamplingInterval", {"interval": 1000})
    await cdp.send("Profiler.start")
    try:
        await action()
    finally:
        result = (await cdp.send("Profiler.stop"))["profile"]
        await cdp.send("Profiler.disable")
    frames = {n["id"]: n["callFrame"] for n in result["nodes"]}
    per_chunk: dict[str, float] = defaultdict(float)
    deltas = result.get("timeDeltas", [])
    for i, node in enumerate(result.get("samples", [])):
        spent = deltas[i + 1] if i + 1 < len(deltas) else 0  # a sample stands for the time until the next one
        frame = frames[node]
        per_chunk[chunk_name(frame.get("url", ""), frame.get("functionName", ""))] += spent / 1e6
    return dict(sorted(per_chunk.items(), key=lambda kv: -kv[1]))
