"""The pandas peer of bench/table-diff.ts: the same two Parquet files compared with pandas.

Usage: table_diff_pandas.py DIR MODE      (MODE: key | position)

Times reading both files (pd.read_parquet, pyarrow engine) and the diff:
- key: an outer merge on `id` with an indicator (added / removed rows), then for the rows on
  both sides, every column compared with NA = NA (what `DataFrame.compare` counts);
- position: both frames aligned on their row number, then the same comparison.
Prints one JSON document: seconds per phase, CPU seconds, the counts found, and this process's
peak RSS.
"""

import json
import resource
import sys
import time

import pandas as pd


def cpu_seconds():
    """CPU seconds of this process so far, all threads (pyarrow decodes with several)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def changed_mask(a, b):
    """Cells that differ, NA equal to NA (object/category columns compared as values)."""
    if isinstance(a.dtype, pd.CategoricalDtype):
        a = a.astype(object)
    if isinstance(b.dtype, pd.CategoricalDtype):
        b = b.astype(object)
    both_na = a.isna().to_numpy() & b.isna().to_numpy()
    return (a.to_numpy() != b.to_numpy()) & ~both_na


def main():
    folder, mode = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    cpu_started = cpu_seconds()
    left = pd.read_parquet(f"{folder}/v1.parquet")
    right = pd.read_parquet(f"{folder}/v2.parquet")
    loaded = time.perf_counter()

    columns = [c for c in right.columns if c != "id" or mode == "position"]
    if mode == "key":
        merged = left.merge(right, on="id", how="outer", suffixes=("_l", "_r"), indicator=True, sort=False)
        added = int((merged["_merge"] == "right_only").sum())
        removed = int((merged["_merge"] == "left_only").sum())
        both = merged[merged["_merge"] == "both"]
        masks = [changed_mask(both[f"{c}_l"], both[f"{c}_r"]) for c in columns]
    else:
        n = min(len(left), len(right))
        added = max(0, len(right) - len(left))
        removed = max(0, len(left) - len(right))
        masks = [
            changed_mask(left[c].iloc[:n].reset_index(drop=True), right[c].iloc[:n].reset_index(drop=True))
            for c in columns
        ]
    changed_cells = int(sum(m.sum() for m in masks))
    any_changed = masks[0].copy()
    for m in masks[1:]:
        any_changed |= m
    diffed = time.perf_counter()
    cpu = cpu_seconds() - cpu_started

    print(
        json.dumps(
            {
                "loadSeconds": loaded - started,
                "diffSeconds": diffed - loaded,
                "cpuSeconds": cpu,
                "added": added,
                "removed": removed,
                "changedRows": int(any_changed.sum()),
                "changedCells": changed_cells,
                "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
