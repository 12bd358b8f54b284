"""Write two versions of a Parquet file whose values hyparquet's defaults round (pyarrow).

Usage: parquet_exact_fixture.py DIR

Version 1 and version 2 differ only below a millisecond or past a double's 16 digits, so a viewer
that rounds shows them the same: ``ts`` (timestamp[ns, tz=Europe/Paris], one nanosecond apart),
``money`` (decimal128(38, 2), the last of 36 digits), ``price`` (decimal128(10, 2): ``1.10``, not
``1.1``), ``blob`` (binary, not UTF-8), ``at`` (time64[us]), ``huge`` (decimal256(50, 1)),
``ids`` (list<int64> past 2^53). ``legacy.parquet`` holds a pandas
INT96 timestamp with nanoseconds (``use_deprecated_int96_timestamps``).

Prints one JSON document: the paths of ``v1``, ``v2`` and ``legacy``.
"""

import decimal
import json
import os
import sys
from datetime import time

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def table(ns: int, last_digit: int) -> pa.Table:
    ts = pd.Series(pd.to_datetime([1_704_067_200_000_000_000 + ns, None], utc=True)).dt.tz_convert("Europe/Paris")
    money = decimal.Decimal(f"123456789012345678901234567890123.4{last_digit}")
    return pa.table(
        {
            "ts": pa.array(ts),
            "money": pa.array([money, None], pa.decimal128(38, 2)),
            "price": pa.array([decimal.Decimal("1.10"), decimal.Decimal("-0.05")], pa.decimal128(10, 2)),
            "blob": pa.array([b"\x00\xff", None], pa.binary()),
            "at": pa.array([time(1, 2, 3, 4), None], pa.time64("us")),
            "huge": pa.array([decimal.Decimal("-" + "9" * 49 + ".5"), None], pa.decimal256(50, 1)),
            "ids": pa.array([[2**53 + last_digit, -1], None], pa.list_(pa.int64())),
        }
    )


def main() -> None:
    out = sys.argv[1]
    paths = {
        "v1": os.path.join(out, "v1.parquet"),
        "v2": os.path.join(out, "v2.parquet"),
        "legacy": os.path.join(out, "legacy.parquet"),
    }
    pq.write_table(table(1, 5), paths["v1"])
    pq.write_table(table(2, 6), paths["v2"])
    legacy = pa.table({"t": pa.array(pd.to_datetime(["1969-12-31 23:59:59.999999999"]))})
    pq.write_table(legacy, paths["legacy"], use_deprecated_int96_timestamps=True)
    print(json.dumps(paths))


if __name__ == "__main__":
    main()
