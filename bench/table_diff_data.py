"""Two versions of a 1,000,000-row table as Parquet, for bench/table-diff.ts.

Usage: table_diff_data.py DIR [ROWS]

v1.parquet: id (int64), name (string), value (float64), count (int64), day (date32),
category (dictionary); v2.parquet: ~1% of the cells of the non-key columns changed, 0.5% of the
rows dropped, 0.5% new rows added, and the row order shuffled. Prints one JSON document with
what was done, so the benchmark can check both tools found the same thing.
"""

import json
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

CATEGORIES = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]


def make(rng, ids):
    n = len(ids)
    return {
        "id": pa.array(ids, pa.int64()),
        "name": pa.array([f"name-{v}" for v in rng.integers(0, 10_000_000, n)], pa.string()),
        "value": pa.array(rng.normal(100, 25, n), pa.float64()),
        "count": pa.array(rng.integers(0, 1000, n), pa.int64()),
        "day": pa.array(rng.integers(18000, 20000, n).astype("int32"), pa.int32()).cast(pa.date32()),
        "category": pa.array(rng.choice(CATEGORIES, n)).dictionary_encode(),
    }


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(42)
    v1 = make(rng, np.arange(rows, dtype=np.int64))
    pq.write_table(pa.table(v1), os.path.join(out, "v1.parquet"))

    # Change ~1% of the cells of the five non-key columns, spread over random rows.
    columns = {name: v1[name].to_numpy(zero_copy_only=False).copy() for name in v1 if name != "category"}
    category = np.array(v1["category"].to_pylist(), dtype=object)
    all_picks = []
    changed_rows = set()
    for name in ["name", "value", "count", "day", "category"]:
        picks = rng.choice(rows, rows // 100, replace=False)
        changed_rows.update(picks.tolist())
        all_picks.append(picks)
        if name == "name":
            columns[name][picks] = [f"changed-{p}" for p in picks]
        elif name == "value":
            columns[name][picks] += 1.0
        elif name == "count":
            columns[name][picks] += 1
        elif name == "day":
            columns[name][picks] = columns[name][picks] + np.timedelta64(1, "D")
        else:
            category[picks] = [CATEGORIES[(CATEGORIES.index(c) + 1) % len(CATEGORIES)] for c in category[picks]]
    keep = np.ones(rows, dtype=bool)
    dropped = rng.choice(rows, rows // 200, replace=False)
    keep[dropped] = False
    v2 = {
        "id": pa.array(columns["id"][keep], pa.int64()),
        "name": pa.array(columns["name"][keep], pa.string()),
        "value": pa.array(columns["value"][keep], pa.float64()),
        "count": pa.array(columns["count"][keep], pa.int64()),
        "day": pa.array(columns["day"][keep], pa.date32()),
        "category": pa.array(category[keep].tolist()).dictionary_encode(),
    }
    added = make(rng, np.arange(rows, rows + rows // 200, dtype=np.int64))
    table = pa.concat_tables([pa.table(v2), pa.table(added)], promote_options="permissive").combine_chunks()
    table = table.take(pa.array(rng.permutation(table.num_rows)))
    pq.write_table(table, os.path.join(out, "v2.parquet"))

    kept_changed = len(changed_rows - set(dropped.tolist()))
    changed_cells = int(sum(np.isin(p, dropped, invert=True).sum() for p in all_picks))
    print(
        json.dumps(
            {
                "rows": rows,
                "v2Rows": table.num_rows,
                "added": rows // 200,
                "removed": rows // 200,
                "changedRows": kept_changed,
                "changedCells": changed_cells,
                "bytes": [os.path.getsize(os.path.join(out, f)) for f in ("v1.parquet", "v2.parquet")],
            }
        )
    )


if __name__ == "__main__":
    main()
