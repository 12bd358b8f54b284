"""Interop helper for the jest tests of src/service/values: pandas/pyarrow/boto3 on the other side.

Run with the project's venv (`.venv/bin/python`). The S3 endpoint is HELIUM_TEST_S3_URL (moto).
Every command prints one JSON document on stdout.

Commands:
  pandas-write BUCKET KEY   write a Parquet file with pandas (snappy, dictionary pages, several row
                            groups, nullable ints, NaN/null floats, unicode strings, bools, naive and
                            tz-aware timestamps, a category) and print the dump of the Arrow table pandas wrote
  feather-write BUCKET KEY=COMPRESSION...
                            write that frame as Feather files (lz4, zstd, uncompressed) and print
                            {key: <dump of the Arrow table in the file>}
  read-table BUCKET KEY...  read Parquet (pd.read_parquet), CSV (pd.read_csv) or Arrow IPC files (pd.read_feather) and
                            print {key: {"arrow": <dump of the pyarrow table>, "pandas": <dump of the frame>}}
  head BUCKET KEY...        print {key: {"helium": Metadata["helium"], "content_type", "version_id"}}

The dumps are compared with the TypeScript dumps of src/testing/arrow-dump.ts: both encode integers
as decimal strings, timestamps as their raw int64 in the column's unit, NaN/Infinity as strings and
dictionary columns by their decoded values.
"""

import io
import json
import math
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq
from local_s3_client import s3_client  # noqa: E402  (this folder is sys.path[0])


def float_value(v):
    if v is None:
        return None
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def arrow_values(array):
    """The values of a pyarrow array (one chunk) in the dump encoding."""
    t = array.type
    if pa.types.is_dictionary(t):
        return arrow_values(array.dictionary_decode())
    if pa.types.is_timestamp(t) or pa.types.is_date64(t) or pa.types.is_duration(t):
        return [None if v is None else str(v) for v in array.cast(pa.int64()).to_pylist()]
    if pa.types.is_date32(t):
        return array.cast(pa.int32()).to_pylist()
    if pa.types.is_integer(t):
        return [None if v is None else str(v) for v in array.to_pylist()]
    if pa.types.is_floating(t):
        return [float_value(v) for v in array.to_pylist()]
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return [None if v is None else list(v) for v in array.to_pylist()]
    return array.to_pylist()


def dump_arrow(table):
    columns = []
    for name, column in zip(table.column_names, table.columns, strict=True):
        values = []
        for chunk in column.chunks:
            values.extend(arrow_values(chunk))
        columns.append({"name": name, "type": str(column.type), "values": values})
    return {"numRows": table.num_rows, "columns": columns}


def pandas_value(v):
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (float, np.floating)):
        return float_value(float(v))
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    return v


def dump_pandas(df):
    return {
        "columns": list(df.columns),
        "dtypes": {name: str(dtype) for name, dtype in df.dtypes.items()},
        "values": {name: [pandas_value(v) for v in df[name].tolist()] for name in df.columns},
    }


def pandas_frame(n=1000):
    """A frame with the types pandas users write; n rows, deterministic."""
    i = np.arange(n)
    words = ["plain", "héllo wörld", "日本語", "emoji 🎉🐍", "tab\there", 'quote "x"', ""]
    naive = pd.Timestamp("2024-01-01 00:00:00") + pd.to_timedelta(i * 3_600_123_456_789, unit="ns")
    paris = pd.Timestamp("2024-03-31 00:30:00", tz="Europe/Paris") + pd.to_timedelta(i * 1_800, unit="s")
    return pd.DataFrame(
        {
            "int64": pd.Series(i * 1_000_003 - 400_000_000, dtype="int64"),
            "nullable_int": pd.array([None if k % 7 == 3 else k * 11 for k in range(n)], dtype="Int64"),
            "int32": pd.Series(i - 500, dtype="int32"),
            "float": pd.Series(np.where(i % 5 == 0, np.nan, i / 8.0 - 3.3), dtype="float64"),
            # pyarrow-backed doubles keep NaN and null apart (numpy floats write NaN as null)
            "float_nan_and_null": pd.Series(
                pd.arrays.ArrowExtensionArray(
                    pa.array(
                        [
                            None if k % 6 == 1 else (math.nan if k % 6 == 2 else (math.inf if k % 6 == 3 else k * 0.1))
                            for k in range(n)
                        ],
                        type=pa.float64(),
                    )
                )
            ),
            "string": pd.Series(
                [None if k % 9 == 4 else f"{words[k % len(words)]} {k}" for k in range(n)], dtype=object
            ),
            "bool": pd.Series(i % 3 == 0, dtype="bool"),
            "nullable_bool": pd.array([None if k % 4 == 2 else k % 2 == 0 for k in range(n)], dtype="boolean"),
            "ts_naive": pd.Series(naive).where(i % 10 != 5, pd.NaT),
            "ts_utc": pd.Series(naive.tz_localize("UTC")),
            "ts_paris": pd.Series(paris).where(i % 13 != 0, pd.NaT),
            "ts_us": pd.Series(naive.as_unit("us")),
            "category": pd.Categorical([None if k % 8 == 7 else ["red", "grün", "青"][k % 3] for k in range(n)]),
        }
    )


def cmd_pandas_write(bucket, key):
    df = pandas_frame()
    buf = io.BytesIO()
    df.to_parquet(buf, engine="pyarrow", compression="snappy", index=False, row_group_size=400)
    data = buf.getvalue()
    s3_client().put_object(Bucket=bucket, Key=key, Body=data)
    meta = pq.ParquetFile(io.BytesIO(data)).metadata
    return {
        # the Arrow table pandas converted the frame to and wrote (its schema is the file's ARROW:schema)
        "arrow": dump_arrow(pa.Table.from_pandas(df, preserve_index=False)),
        "rowGroups": meta.num_row_groups,
        "compression": meta.row_group(0).column(0).compression,
        "encodings": sorted({e for c in range(meta.num_columns) for e in meta.row_group(0).column(c).encodings}),
    }


def cmd_feather_write(bucket, *specs):
    """Write the pandas frame as Feather (Arrow IPC file) files: specs are KEY=COMPRESSION."""
    df = pandas_frame()
    s3 = s3_client()
    result = {}
    for spec in specs:
        key, compression = spec.split("=")
        buf = io.BytesIO()
        df.to_feather(buf, compression=compression)
        data = buf.getvalue()
        s3.put_object(Bucket=bucket, Key=key, Body=data)
        result[key] = dump_arrow(feather.read_table(io.BytesIO(data)))
    return result


def cmd_read_table(bucket, *keys):
    s3 = s3_client()
    result = {}
    for key in keys:
        data = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        if key.endswith(".parquet"):
            table = pq.read_table(io.BytesIO(data))
            df = pd.read_parquet(io.BytesIO(data))
        elif key.endswith(".csv"):
            df = pd.read_csv(io.BytesIO(data))
            table = pa.Table.from_pandas(df, preserve_index=False)
        else:
            table = feather.read_table(io.BytesIO(data))
            df = pd.read_feather(io.BytesIO(data))
        result[key] = {"arrow": dump_arrow(table), "pandas": dump_pandas(df)}
    return result


def cmd_head(bucket, *keys):
    s3 = s3_client()
    result = {}
    for key in keys:
        head = s3.head_object(Bucket=bucket, Key=key)
        result[key] = {
            "helium": head.get("Metadata", {}).get("helium"),
            "content_type": head.get("ContentType"),
            "version_id": head.get("VersionId"),
        }
    return result


COMMANDS = {
    "pandas-write": cmd_pandas_write,
    "feather-write": cmd_feather_write,
    "read-table": cmd_read_table,
    "head": cmd_head,
}

if __name__ == "__main__":
    print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:]), ensure_ascii=False))
