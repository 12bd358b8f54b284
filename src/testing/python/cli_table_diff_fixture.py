"""Two versions of a small table, written by pandas, for `helium diff`'s table tests
(src/cli/cli-diff-tables.int.spec.ts).

Usage: cli_table_diff_fixture.py DIR

Writes into DIR, each as v1 (older) and v2 (newer): ``.parquet`` (pandas.to_parquet, pyarrow),
``.csv`` (pandas.to_csv) and ``.feather`` (pandas.to_feather), plus ``v1-gzip.parquet``: v1 again
with another codec (other bytes, the same table), and ``v1-index.parquet``/``v2-index.parquet``: the
same tables with ``id`` as their pandas index, named ``rid``; ``v1-comma.parquet``/``v2-comma.parquet``
(columns ``a,b``, ``a``, ``b``, `` x``, ``v``; v changed where ``a,b`` is 2). v2 is v1 with: id 3's score changed, id 2
removed, id 6 added, and a ``population`` column added. Prints one JSON document: the paths, and
what this script changed (the expectations of the tests, not what some diff computed).
"""

import json
import os
import sys

import pandas as pd
import pyarrow as pa


def main() -> int:
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    v1 = pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5],
            "name": ["Ada", "Bob", "Cy", "Dee", "Eve"],
            "score": [1.5, 2.5, 3.5, 4.5, 5.5],
            "city": ["Oslo", "Rome", "Lima", "Kyiv", "Pune"],
        }
    )
    v2 = v1[v1["id"] != 2].copy()
    v2.loc[v2["id"] == 3, "score"] = 30.25
    v2 = pd.concat([v2, pd.DataFrame({"id": [6], "name": ["Fay"], "score": [6.5], "city": ["Baku"]})])
    v2["population"] = [700_000, 10_000_000, 2_900_000, 3_100_000, 2_300_000]
    paths = {}
    for name, frame in (("v1", v1), ("v2", v2)):
        frame = frame.reset_index(drop=True)
        paths[f"{name}.parquet"] = os.path.join(out, f"{name}.parquet")
        frame.to_parquet(paths[f"{name}.parquet"], index=False)
        paths[f"{name}.csv"] = os.path.join(out, f"{name}.csv")
        frame.to_csv(paths[f"{name}.csv"], index=False)
        paths[f"{name}.feather"] = os.path.join(out, f"{name}.feather")
        frame.to_feather(paths[f"{name}.feather"])
    # The same change written with a pandas index (to_parquet stores it as a column named in the
    # `pandas` metadata): id 2 removed shifts the rows, so only a diff on the index is right.
    for name, frame in (("v1", v1), ("v2", v2)):
        paths[f"{name}-index.parquet"] = os.path.join(out, f"{name}-index.parquet")
        # pandas stores v1's index (1…5, a range) as metadata only, v2's as a column.
        frame.set_index("id").rename_axis("rid").to_parquet(paths[f"{name}-index.parquet"])
    # Columns named "a,b" (a key) and " x" (a leading space) beside a and b: --key must reach each.
    comma = pd.DataFrame({"a,b": [1, 2, 3], "a": [1, 1, 2], "b": [1, 2, 1], " x": [7, 8, 9], "v": [10, 20, 30]})
    for name, frame in (("v1", comma), ("v2", comma.assign(v=[10, 25, 30]))):
        paths[f"{name}-comma.parquet"] = os.path.join(out, f"{name}-comma.parquet")
        frame.to_parquet(paths[f"{name}-comma.parquet"], index=False)
    paths["v1-gzip.parquet"] = os.path.join(out, "v1-gzip.parquet")
    v1.to_parquet(paths["v1-gzip.parquet"], index=False, compression="gzip")
    print(
        json.dumps(
            {
                "paths": paths,
                "changed": {"id": "3", "column": "score", "old": "3.5", "new": "30.25"},
                "added": "6",
                "removed": "2",
                "addedColumn": "population",
                "columns": list(v1.columns),
                "pandas": pd.__version__,
                "pyarrow": pa.__version__,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
