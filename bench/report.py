"""The bench's table: every measurement beside the reference it is compared with, and the issue's targets."""
from __future__ import annotations

import statistics


def values(xs) -> list[float]:
    return [x for x in xs if x is not None]


def median(xs) -> float:
    xs = values(xs)
    return statistics.median(xs) if xs else float("nan")


def pct(xs, q: float) -> float:
    """The q-th percentile (nearest rank)."""
    xs = sorted(values(xs))
    if not xs:
        return float("nan")
    return xs[min(len(xs) - 1, max(0, round(q * len(xs) + 0.5) - 1))]


def spread(xs) -> str:
    return f"{pct(xs, 0.5):.2f} / {pct(xs, 0.95):.2f} / {max(values(xs), default=float('nan')):.2f}"


def served(shares, key: str) -> list[float]:
    return [s[key] for s in shares if s is not None and s.get(key) is not None]


def split_cells(splits, keys) -> str:
    return " | ".join(f"{median([s.get(k) for s in splits if s]):.3f}" for k in keys)


def held(paints: list[dict], splits: list[dict]) -> str:
    """On a second visit, medians (seconds after navigation): the table's message received (probe.py), the table
    entering the DOM, Plotly's chunk received, the table painted, the chart's element entering the DOM; and the
    long tasks (≥ 50 ms of main-thread work) between the table's message and its entering the DOM."""
    busy, longest = [], []
    for x, split in zip(paints, splits):
        start, end = (split or {}).get("table_received"), (x.get("inserted") or {}).get("table")
        if start is None or end is None:
            continue
        spans = [min(t + d, end) - max(t, start) for t, d in x.get("long", []) if t < end and t + d > start]
        busy.append(sum(spans))
        longest.append(max(spans, default=0.0))
    inserted = [x.get("inserted") or {} for x in paints]
    return (f"Medians on a second visit: the table's message received at "
            f"{median([s.get('table_received') for s in splits if s]):.3f} s, the table in the DOM at "
            f"{median([i.get('table') for i in inserted]):.3f} s, Plotly's chunk received at "
            f"{median([x.get('plotly_received') for x in paints]):.3f} s, the table painted at "
            f"{median([x.get('table') for x in paints]):.3f} s, the chart's element in the DOM at "
            f"{median([i.get('chart') for i in inserted]):.3f} s; between the table's message and its entering the "
            f"DOM, long tasks (≥ 50 ms) held the main thread for {median(busy):.3f} s (the longest "
            f"{median(longest):.3f} s).")


def table(r: dict) -> str:
    rt, first_load = median(r["floor"]), median(r["visitor"]["floor_first_load"])
    nb, bare = median(r["notebook"]), median(r["bare_import"])
    closed, xray, visitor, rev = r["new_closed"], r["new_xray"], r["visitor"], r["revisit"]
    conc, cls, pasted = r["concurrent"], r["class"], r["pasted"]

    rows: list[tuple[str, str, str, str, str]] = []

    def row(name, seconds, ratio=None, ref="", target=None, unit="s"):
        met = "" if target is None or ratio != ratio else ("yes" if ratio <= target else "no")
        rows.append((name, f"{seconds:.3f}" if unit == "s" else seconds,
                     "" if ratio is None else f"{ratio:.2f} × {ref}", "" if target is None else f"≤ {target:g}", met))

    row("reference: trivial page, round trip (type a value, see the text)", rt)
    row("reference: trivial page, first load in a new browser context", first_load)
    floor_painted = median([x.get("painted") for x in visitor["floor_split"]])
    plotly_drawn = median([x["drawn"] for x in visitor.get("floor_plotly", [])])
    row("reference: trivial page, first load: its text painted (Element Timing)", floor_painted)
    row("reference: trivial page with one Plotly chart, first load: the chart drawn", plotly_drawn)
    row("reference: notebook (build + summary + forward + reshape@W)", nb)
    row("reference: bare `python -c 'import tensorflow'`", bare)
    row(f"new configuration, panels closed: shapes visible ({len(closed['shapes'])})", median(closed["shapes"]),
        median(closed["shapes"]) / rt, "round trip", 1.5)
    row("new configuration, panels closed: complete page", median(closed["complete"]),
        median(closed["complete"]) / rt, "round trip")
    row(f"new configuration, X-ray open: shapes visible ({len(xray['shapes'])})", median(xray["shapes"]),
        median(xray["shapes"]) / rt, "round trip")
    row("new configuration, X-ray open: every open panel", median(xray["complete"]),
        median(xray["complete"]) / rt, "round trip", 3)
    row(f"second visitor: shape table ({len(visitor['table'])})", median(visitor["table"]),
        median(visitor["table"]) / first_load, "first load", 1.5)
    row("second visitor: sidebar inputs", median(visitor["inputs"]), median(visitor["inputs"]) / first_load,
        "first load")
    row("second visitor: complete page (panels closed)", median(visitor["complete"]),
        median(visitor["complete"]) / first_load, "first load", 2)
    painted = median([x["table"] for x in visitor.get("paint", [])])
    drawn = median([x["diagram"] for x in visitor.get("paint", [])])
    row("second visitor: shape table painted (Element Timing)", painted, painted / floor_painted,
        "trivial page painted", 1.5)
    row("second visitor: complete page, diagram drawn", drawn, drawn / plotly_drawn, "trivial Plotly page drawn", 2)
    row(f"revisited (X-ray open): shapes visible ({len(rev['shapes'])})", median(rev["shapes"]),
        median(rev["shapes"]) / nb, "notebook")
    row("revisited (X-ray open): every open panel", median(rev["complete"]), median(rev["complete"]) / nb,
        "notebook", 0.5)
    row(f"{r['args']['sessions']} concurrent sessions: p95 shapes ({len(conc['shapes'])} changes)",
        pct(conc["shapes"], 0.95), pct(conc["shapes"], 0.95) / median(closed["shapes"]), "single median")
    row(f"{r['args']['sessions']} concurrent sessions: p95 complete page", pct(conc["complete"], 0.95),
        pct(conc["complete"], 0.95) / median(closed["complete"]), "single median", 3)
    single_runs = [x["wall"] for x in closed.get("server", []) if x]
    if single_runs and conc["server_runs"]:
        p95_run = pct([x["wall"] for x in conc["server_runs"]], 0.95)
        row(f"{r['args']['sessions']} concurrent sessions, server side: p95 whole-page run", p95_run,
            p95_run / median(single_runs), "single server run")
    row(f"pasted tagger: shape table ({len(pasted['tagger'])})", median(pasted["tagger"]))
    row("pasted 30-layer model: shape table", median(pasted["layers30"]),
        median(pasted["layers30"]) / median(pasted["tagger"]), "pasted tagger")
    row("pasted 30-layer model: complete page", median(pasted["layers30_complete"]),
        median(pasted["layers30_complete"]) / median(pasted["tagger_complete"]), "pasted tagger")
    row("cold start: `streamlit run app.py` to a complete first page", median(r["cold"]),
        median(r["cold"]) / bare, "bare import", 1.5)
    grown = r["rss_after_walk_mb"] - r["rss_first_page_mb"]
    rows.append(("server RSS after the first page", f"{r['rss_first_page_mb']:.0f} MB", "", "", ""))
    rows.append((f"server RSS after {r['args']['configs']} configurations, +1 profiled "
                 f"(peak {r['peak_rss_after_walk_mb']:.0f} MB)",
                 f"{r['rss_after_walk_mb']:.0f} MB", f"+{grown:.0f} MB", "≤ +300 MB", "yes" if grown <= 300 else "no"))
    rows.append(("server RSS at the end (after the concurrent sessions and the class)",
                 f"{r['rss_end_mb']:.0f} MB", f"+{r['rss_end_mb'] - r['rss_first_page_mb']:.0f} MB", "", ""))
    n = r["args"]["class_size"]
    rows.append((f"class of {n}: first page, shape table p50 / p95 / max", spread(cls["first_table"]), "", "", ""))
    rows.append((f"class of {n}: first page, sidebar inputs p50 / p95 / max", spread(cls["first_inputs"]), "", "", ""))
    rows.append((f"class of {n}: a change, shape table p50 / p95 / max ({len(cls['change_table'])} changes)",
                 spread(cls["change_table"]), "", "", ""))
    bad = cls["wrong"] + cls["never"] + cls["errors"]
    rows.append((f"class of {n}: wrong shapes (another's) / table never shown / error elements",
                 f"{cls['wrong']} ({cls['crossed']}) / {cls['never']} / {cls['errors']}", "", "0 / 0 / 0",
                 "yes" if bad == 0 else "no"))
    if cls["stalled"]:
        rows.append((f"class of {n}: pages the bench could not drive (browser starved; not the server)",
                     str(cls["stalled"]), "", "", ""))
    other = r["errors_single"] + visitor["errors"] + pasted["errors"] + conc["errors"]
    rows.append(("wrong shapes + error elements elsewhere (single, visitors, pasted, concurrent)", str(other), "", "0",
                 "yes" if other == 0 else "no"))

    lines = ["| measurement | median s | ratio | target | met |", "|---|---:|---:|---:|:---:|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]

    runs = cls["server_runs"]
    lines += ["", "Where the time goes: the server's own time per script run (bench/timed_server.py), medians:", "",
              "| action | browser: table | browser: complete | server: run | server: to the table | server CPU |",
              "|---|---:|---:|---:|---:|---:|"]
    for name, browser_table, browser_done, shares in (
            ("second visitor", visitor["table"], visitor["complete"], visitor["server"]),
            ("new configuration, panels closed", closed["shapes"], closed["complete"], closed["server"]),
            ("new configuration, X-ray open", xray["shapes"], xray["complete"], xray["server"]),
            ("revisited, X-ray open", rev["shapes"], rev["complete"], rev["server"]),
            ("pasted tagger", pasted["tagger"], pasted["tagger_complete"], pasted["server_tagger"]),
            ("pasted 30-layer model", pasted["layers30"], pasted["layers30_complete"], pasted["server_layers30"])):
        lines.append(f"| {name} | {median(browser_table):.3f} | {median(browser_done):.3f} | "
                     f"{median(served(shares, 'wall')):.3f} | {median(served(shares, 'table')):.3f} | "
                     f"{median(served(shares, 'cpu')):.3f} |")
    lines += ["", f"Class of {n} (its browser: {cls.get('browser_priority', '?')}): {len(runs)} whole-page script runs "
              f"from {cls['sessions_seen']} sessions in {cls['seconds']:.0f} s; per run p50 / p95 / max: "
              f"wall {spread([x['wall'] for x in runs])} s, to the "
              f"table {spread([x['table'] for x in runs])} s, CPU {spread([x['cpu'] for x in runs])} s; "
              f"{sum(x['passes'] > 1 for x in runs)} runs restarted by a change that arrived mid-run. CPU seconds "
              "used meanwhile: " + ", ".join(f"{k} {v:.0f}"
                                             for k, v in sorted(cls["cpu"].items(), key=lambda kv: -kv[1])
                                             if v >= 0.5) +
              f" (the machine: {cls['machine_busy_cpu']:.0f} busy of {r['machine']['nproc']} cores × "
              f"{cls['seconds']:.0f} s = {r['machine']['nproc'] * cls['seconds']:.0f})."]
    lines += ["", "Where the browser's time goes (DevTools protocol, bench/probe.py), medians in seconds after the "
              "action; busy = the page's main thread (TaskDuration), JS = JavaScript in it (ScriptDuration), "
              "renderer CPU = the page's renderer process (ProcessTime):", "",
              "| action | request sent | first reply | table received | last reply | shown "
              "| busy | JS | renderer CPU |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, splits, shown in (("trivial page: round trip", r["floor_split"], r["floor"]),
                                ("new configuration, panels closed (table shown)", closed["split"], closed["shapes"]),
                                ("new configuration, panels closed (complete)", closed["split"], closed["complete"]),
                                ("new configuration, X-ray open (every panel)", xray["split"], xray["complete"])):
        lines.append(f"| {name} | {split_cells(splits, ('sent', 'first_received', 'table_received', 'last_received'))}"
                     f" | {median(shown):.3f}"
                     f" | {split_cells(splits, ('TaskDuration', 'ScriptDuration', 'ProcessTime'))} |")
    lines += ["", "| first load in a new context | JS downloaded | JS done | first message | table received | shown |"
              " busy | JS | renderer CPU |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, splits, shown in (("trivial page", visitor["floor_split"], visitor["floor_first_load"]),
                                ("second visitor (table shown)", visitor["split"], visitor["table"]),
                                ("second visitor (complete)", visitor["split"], visitor["complete"])):
        lines.append(f"| {name} | {median([s['script_mb'] for s in splits]):.1f} MB | "
                     f"{split_cells(splits, ('scripts_done', 'first_received', 'table_received'))} | "
                     f"{median(shown):.3f} | "
                     f"{split_cells(splits, ('TaskDuration', 'ScriptDuration', 'ProcessTime'))} |")
    if visitor.get("paint"):
        paints, plots = visitor["paint"], visitor["floor_plotly"]
        ahead = sum(x["table"] is not None and x["plotly_received"] is not None and x["table"] < x["plotly_received"]
                    for x in paints)
        lines += ["", "First loads by the browser's own timing (bench/paint.py), medians in seconds after navigation "
                  "start; busy and JS as above:", "",
                  "| first load | Plotly chunk received | text / table painted | chart / diagram drawn | busy | JS |",
                  "|---|---:|---:|---:|---:|---:|",
                  f"| trivial page | | {floor_painted:.3f} | | "
                  f"{split_cells(visitor['floor_split'], ('TaskDuration', 'ScriptDuration'))} |",
                  f"| trivial page with one Plotly chart | {median([x['plotly_received'] for x in plots]):.3f} | | "
                  f"{plotly_drawn:.3f} | {split_cells(plots, ('TaskDuration', 'ScriptDuration'))} |",
                  f"| second visitor | {median([x['plotly_received'] for x in paints]):.3f} | {painted:.3f} | "
                  f"{drawn:.3f} | {split_cells(visitor['split'], ('TaskDuration', 'ScriptDuration'))} |",
                  "", f"The table was painted before Plotly's chunk had arrived in {ahead} of {len(paints)} second "
                  "visits. " + held(paints, visitor["split"])]
    crun = conc["server_runs"]
    lines += ["", f"{r['args']['sessions']} concurrent sessions"
              f" (their browser: {conc.get('browser_priority', 'normal')}), server side: {len(crun)} whole-page runs;"
              " per run"
              f" p50 / p95 / max: wall {spread([x['wall'] for x in crun])} s, to the table"
              f" {spread([x['table'] for x in crun])} s, CPU {spread([x['cpu'] for x in crun])} s."]
    for name, key in (("a new configuration", "profile_change"),
                      ("a second visitor's first load", "profile_first_load"),
                      ("the trivial Plotly page's first load, until drawn", "profile_floor_plotly")):
        if key not in r:
            continue
        top = list(r[key].items())[:9]
        lines.append(f"\nMain thread during {name} (profiled once, not in the medians), seconds by script chunk: "
                     + ", ".join(f"{k} {v:.2f}" for k, v in top) + ".")
    cold = r["cold_split"]
    lines += ["", f"Cold start, medians: the server answered its health check after "
              f"{median([c['healthy'] for c in cold]):.1f} s, began the first visitor's run at "
              f"{median([c['run_start'] for c in cold]):.1f} s, sent its table at "
              f"{median([c['table_sent'] for c in cold]):.1f} s and ended the run at "
              f"{median([c['run_end'] for c in cold]):.1f} s; the page was complete at {median(r['cold']):.1f} s."]
    m = r["machine"]
    load = ", ".join(f"{x:.2f}" for x in m["load_before"])
    vers = ", ".join(f"{k} {v}" for k, v in m["versions"].items())
    lines.append(f"\nMachine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB RAM, Python {m['python']}, {vers}; "
                 f"load average before the run {load} (1, 5, 15 min).")
    return "\n".join(lines)
