"""Fixtures of the table diff tests (src/service/diff/table.spec.ts), written by pyarrow/pandas.

Usage: table_diff_fixtures.py DIR

Writes pairs of tables (left = older, right = newer) into DIR as Parquet (several row groups, so
the reader gives several record batches), CSV, TSV and Feather, and prints one JSON document:

  {"cases": {NAME: {"left": PATH, "right": PATH, "key": [COLUMN...],
                    "changed": [[KEY_TEXT, COLUMN]...],   # cells this script changed
                    "added": [KEY_TEXT...], "removed": [KEY_TEXT...], ...}}}

KEY_TEXT is the key as the diff prints it (`7`, or `north, 2021` for a composite key). The
expectations are what this script did to the right table, not what some diff computed.
"""

import datetime
import decimal
import json
import os
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq

N = 20
BIG = 2**60


def base_columns():
    """The 'cells' table: most column types, a null name at id 9 and a NaN score at id 12."""
    ids = list(range(1, N + 1))
    return {
        "id": pa.array(ids, pa.int64()),
        "name": pa.array([None if i == 9 else f"name {i} é" for i in ids], pa.string()),
        "note": pa.array([f"note {i}" for i in ids], pa.large_string()),
        "score": pa.array([float("nan") if i == 12 else i * 1.5 for i in ids], pa.float64()),
        "qty": pa.array([None if i == 14 else i * 10 for i in ids], pa.int64()),
        "big": pa.array([BIG + i for i in ids], pa.int64()),
        "price": pa.array([decimal.Decimal(f"{i}.25") for i in ids], pa.decimal128(10, 2)),
        "day": pa.array([datetime.date(2024, 1, i) for i in ids], pa.date32()),
        "ts": pa.array([1_700_000_000_000_000_000 + i for i in ids], pa.timestamp("ns")),
        "flag": pa.array([i % 2 == 0 for i in ids], pa.bool_()),
        "cat": pa.array(["red", "green", "blue", "red"] * (N // 4), pa.string()).dictionary_encode(),
    }


def replace(array, index, value):
    """A copy of a pyarrow array with one value replaced (type kept, dictionaries re-encoded)."""
    values = array.to_pylist()
    values[index] = value
    if pa.types.is_dictionary(array.type):
        return pa.array(values, array.type.value_type).dictionary_encode()
    return pa.array(values, array.type)


def cells_case():
    left = base_columns()
    right = dict(left)
    changes = [
        (3, "score", 99.0),
        (7, "name", "renamed"),
        (7, "qty", 71),
        (5, "score", None),  # value → null
        (9, "name", "was null"),  # null → value
        (11, "day", datetime.date(2025, 1, 11)),
        (15, "cat", "purple"),  # a category the left dictionary lacks
        (16, "big", BIG + 16 + 1),  # invisible as a double: must compare exactly
        (17, "price", decimal.Decimal("17.26")),
        (18, "ts", 1_700_000_000_000_000_000 + 18 + 1),  # one nanosecond
        (19, "flag", True),
        (20, "note", "note 20 changed"),
    ]
    for key, column, value in changes:
        right[column] = replace(right[column], key - 1, value)
    return pa.table(left), pa.table(right), [[str(k), c] for k, c, _ in changes]


def schema_case():
    ids = list(range(1, 9))
    left = pa.table(
        {
            "id": pa.array(ids, pa.int64()),
            "a": pa.array([i * 10 for i in ids], pa.int64()),
            "b": pa.array(ids, pa.int64()),
            "gone": pa.array([f"g{i}" for i in ids], pa.string()),
        }
    )
    a = [float(i * 10) for i in ids]
    a[4] = 50.5  # id 5: the only numeric change; the other doubles equal their ints
    b = [str(i) for i in ids]
    b[2] = "three"  # id 3: the only text change; "1" equals 1 by display string
    right = pa.table(
        {
            "id": pa.array(ids, pa.int64()),
            "new": pa.array([f"n{i}" for i in ids], pa.string()),
            "a": pa.array(a, pa.float64()),
            "b": pa.array(b, pa.string()),
        }
    )
    return left, right, [["5", "a"], ["3", "b"]]


def write_parquet(table, path, row_group_size=7):
    pq.write_table(table, path, row_group_size=row_group_size)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    cases = {}

    def path(name):
        return os.path.join(out, name)

    # Changed cells of many types, in Parquet, Feather, CSV and TSV.
    left, right, changed = cells_case()
    write_parquet(left, path("cells-left.parquet"))
    write_parquet(right, path("cells-right.parquet"))
    cases["cells"] = {
        "left": path("cells-left.parquet"),
        "right": path("cells-right.parquet"),
        "key": ["id"],
        "changed": changed,
        "added": [],
        "removed": [],
    }
    feather.write_feather(left, path("cells-left.feather"), chunksize=7)  # lz4 (the default), 3 batches
    feather.write_feather(right, path("cells-right.feather"), chunksize=6)
    cases["cells-feather"] = dict(cases["cells"], left=path("cells-left.feather"), right=path("cells-right.feather"))
    for ext, sep in (("csv", ","), ("tsv", "\t")):
        # pandas writes what it reads back: NaN and None both become empty (null), so the
        # NaN → NaN cell stays equal and null → "was null" stays a change.
        for side, table in (("left", left), ("right", right)):
            table.to_pandas().to_csv(path(f"cells-{side}.{ext}"), sep=sep, index=False)
        cases[f"cells-{ext}"] = dict(cases["cells"], left=path(f"cells-left.{ext}"), right=path(f"cells-right.{ext}"))

    # Schema changes: int → float, int → string, an added and a removed column.
    left, right, changed = schema_case()
    write_parquet(left, path("schema-left.parquet"), 3)
    write_parquet(right, path("schema-right.parquet"), 5)
    cases["schema"] = {
        "left": path("schema-left.parquet"),
        "right": path("schema-right.parquet"),
        "key": ["id"],
        "changed": changed,
        "added": [],
        "removed": [],
        "columns": [
            {"name": "id", "status": "same"},
            {"name": "new", "status": "added"},
            {
                "name": "a",
                "status": "type-changed",
                "left": str(left.schema.field("a").type),
                "right": str(right.schema.field("a").type),
            },
            {
                "name": "b",
                "status": "type-changed",
                "left": str(left.schema.field("b").type),
                "right": str(right.schema.field("b").type),
            },
            {"name": "gone", "status": "removed"},
        ],
    }

    # Reordered rows: no change by key; by position, every row that moved differs.
    left = pa.table(base_columns())
    order = np.random.default_rng(7).permutation(N)
    right = left.take(pa.array(order))
    write_parquet(left, path("reorder-left.parquet"))
    write_parquet(right, path("reorder-right.parquet"))
    moved = int((order != np.arange(N)).sum())
    cases["reorder"] = {
        "left": path("reorder-left.parquet"),
        "right": path("reorder-right.parquet"),
        "key": ["id"],
        "changed": [],
        "added": [],
        "removed": [],
        "movedByPosition": moved,
    }

    # Added and removed rows by key (plus one change), shuffled. Built with pyarrow, not pandas,
    # which would turn the NaN at id 12 into a null (a real change).
    ids = left.column("id").to_pylist()
    kept = left.take(pa.array([i for i, k in enumerate(ids) if k not in (4, 10)]))
    extra = left.take(pa.array([0, 1])).set_column(0, "id", pa.array([21, 22], pa.int64()))
    right = pa.concat_tables([kept, extra]).combine_chunks()
    right_ids = right.column("id").to_pylist()
    qty = right.schema.get_field_index("qty")
    right = right.set_column(qty, "qty", replace(right.column("qty").combine_chunks(), right_ids.index(6), 66))
    right = right.take(pa.array(np.random.default_rng(11).permutation(right.num_rows)))
    write_parquet(left, path("rows-left.parquet"))
    write_parquet(right, path("rows-right.parquet"))
    cases["rows"] = {
        "left": path("rows-left.parquet"),
        "right": path("rows-right.parquet"),
        "key": ["id"],
        "changed": [["6", "qty"]],
        "added": ["21", "22"],
        "removed": ["4", "10"],
    }

    # A composite key (region, year), rows reordered, one change and one added row.
    regions = ["north", "south", "east"]
    rows = [(r, y, f"{r}-{y}", y * 3) for r in regions for y in (2020, 2021, 2022)]
    left = pa.table(
        {
            "region": [r[0] for r in rows],
            "year": [r[1] for r in rows],
            "label": [r[2] for r in rows],
            "value": [r[3] for r in rows],
        }
    )
    rows2 = list(reversed(rows)) + [("west", 2020, "west-2020", 1)]
    rows2 = [(r, y, lbl, 0 if (r, y) == ("south", 2021) else v) for r, y, lbl, v in rows2]
    right = pa.table(
        {
            "region": [r[0] for r in rows2],
            "year": [r[1] for r in rows2],
            "label": [r[2] for r in rows2],
            "value": [r[3] for r in rows2],
        }
    )
    write_parquet(left, path("composite-left.parquet"), 4)
    write_parquet(right, path("composite-right.parquet"), 4)
    cases["composite"] = {
        "left": path("composite-left.parquet"),
        "right": path("composite-right.parquet"),
        "key": ["region", "year"],
        "changed": [["south, 2021", "value"]],
        "added": ["west, 2020"],
        "removed": [],
    }

    # Duplicate keys: 2 occurs twice on both sides; the second occurrence changes.
    left = pa.table({"id": [1, 2, 2, 3], "v": ["a", "b1", "b2", "c"]})
    right = pa.table({"id": [1, 2, 2, 3], "v": ["a", "b1", "B2", "c"]})
    write_parquet(left, path("dups-left.parquet"))
    write_parquet(right, path("dups-right.parquet"))
    cases["dups"] = {
        "left": path("dups-left.parquet"),
        "right": path("dups-right.parquet"),
        "key": ["id"],
        "changed": [["2", "v"]],
        "added": [],
        "removed": [],
        "duplicates": {"left": 1, "right": 1},
    }

    print(json.dumps({"cases": cases, "pyarrow": pa.__version__, "pandas": pd.__version__}))


if __name__ == "__main__":
    main()
