"""Benchmark results as JSON, shared by the Python benchmarks (bench/results.ts is the TS twin).

Each run writes `bench/results/<benchmark>-<UTC time>.json` and `bench/results/<benchmark>-latest.json`:

    {"benchmark": "transfers", "date": "2026-12-06T23:10:00Z",
     "machine": {"cores": 2, "platform": "...", "node": "v20...", "python": "3.11..."},
     "config": {...},
     "rows": [{"workload": "1 GiB up", "tool": "helium", "seconds": 5.1, "peak_rss_mib": 120.3,
               "ratio": 1.0, "ratio_of": "helium/helium"}, ...]}

`ratio` is the reference tool's seconds over this row's (`helium/boto3` on boto3's row: below 1 means
helium was faster), so the table of ratios people quote is in the file as is.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    node = shutil.which("node")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() if node else None
    return {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "node": version,
        "load_average": list(os.getloadavg()),
    }


def with_ratios(rows: list[dict], reference: str = "helium") -> list[dict]:
    """Add `ratio` = reference seconds / row seconds for each workload (None when either is missing)."""
    ref = {r["workload"]: r["seconds"] for r in rows if r["tool"] == reference and r.get("seconds") is not None}
    out = []
    for row in rows:
        base = ref.get(row["workload"])
        seconds = row.get("seconds")
        ratio = round(base / seconds, 3) if base is not None and seconds else None
        out.append({**row, "ratio": ratio, "ratio_of": f"{reference}/{row['tool']}"})
    return out


def write_results(benchmark: str, rows: list[dict], config: dict | None = None, reference: str = "helium") -> Path:
    """Write one run's rows (workload, tool, seconds, peak_rss_mib, …) with ratios; returns the file."""
    RESULTS.mkdir(exist_ok=True)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    doc = {
        "benchmark": benchmark,
        "date": now.isoformat().replace("+00:00", "Z"),
        "machine": machine(),
        "config": config or {},
        "rows": with_ratios(rows, reference),
    }
    text = json.dumps(doc, indent=2) + "\n"
    path = RESULTS / f"{benchmark}-{now.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(text)
    (RESULTS / f"{benchmark}-latest.json").write_text(text)
    return path
