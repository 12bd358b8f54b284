"""Write a Parquet object of many row groups straight to the local S3 (pyarrow + boto3).

Usage: parquet_pages_fixture.py BUCKET KEY ROWS ROWS_PER_GROUP PAYLOAD_BYTES [S3_URL]

Columns: ``id`` (int64, the row's index), ``label`` (string ``row <id>``), ``score`` (double,
``id / 4``) and ``payload`` (PAYLOAD_BYTES random bytes per row, so the file is about
ROWS * PAYLOAD_BYTES bytes whatever the codec: the tests and the benchmark need big files that
stay big). The file is written to a temporary file one row group at a time (memory stays at one
group) and uploaded with boto3's multipart upload. S3_URL defaults to ``HELIUM_TEST_S3_URL``.

Prints one JSON document: size, rows, row_groups, version_id and the last row's id and label.
"""

import json
import os
import sys
import tempfile

import boto3
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def main(argv: list[str]) -> int:
    bucket, key, rows, per_group, payload = argv[1], argv[2], int(argv[3]), int(argv[4]), int(argv[5])
    url = argv[6] if len(argv) > 6 else os.environ["HELIUM_TEST_S3_URL"]
    rng = np.random.default_rng(14)
    schema = pa.schema(
        [("id", pa.int64()), ("label", pa.string()), ("score", pa.float64()), ("payload", pa.binary(payload))]
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "fixture.parquet")
        with pq.ParquetWriter(path, schema, compression="snappy") as writer:
            for start in range(0, rows, per_group):
                n = min(per_group, rows - start)
                ids = np.arange(start, start + n, dtype=np.int64)
                blob = rng.integers(0, 256, size=n * payload, dtype=np.uint8).tobytes()
                table = pa.table(
                    {
                        "id": ids,
                        "label": pa.array([f"row {i}" for i in ids.tolist()], pa.string()),
                        "score": ids / 4,
                        "payload": pa.FixedSizeBinaryArray.from_buffers(
                            pa.binary(payload), n, [None, pa.py_buffer(blob)]
                        ),
                    },
                    schema=schema,
                )
                writer.write_table(table, row_group_size=per_group)
        s3 = boto3.client(
            "s3",
            endpoint_url=url,
            region_name="us-east-1",
            aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
            aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
        )
        s3.upload_file(path, bucket, key)
        head = s3.head_object(Bucket=bucket, Key=key)
        meta = pq.ParquetFile(path).metadata
        print(
            json.dumps(
                {
                    "size": head["ContentLength"],
                    "rows": meta.num_rows,
                    "row_groups": meta.num_row_groups,
                    "version_id": head.get("VersionId"),
                    "last_id": rows - 1,
                    "last_label": f"row {rows - 1}",
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
