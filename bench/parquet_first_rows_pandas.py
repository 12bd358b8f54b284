"""The pandas peer of bench/parquet-first-rows.ts: what a user does today to see a Parquet object.

Usage: parquet_first_rows_pandas.py S3_URL BUCKET KEY

Reads the whole object with boto3 (``get_object``) and ``pd.read_parquet`` (pyarrow engine), then
takes the first 50 rows and the last row, as the viewer shows them. Prints one JSON document:
seconds to the first rows (= the whole read: pandas has nothing to show before it ends), the last
row's label, and this process's peak RSS.
"""

import io
import json
import resource
import sys
import time

import boto3
import pandas as pd


def main() -> int:
    url, bucket, key = sys.argv[1], sys.argv[2], sys.argv[3]
    s3 = boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    started = time.perf_counter()
    body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    downloaded = time.perf_counter()
    frame = pd.read_parquet(io.BytesIO(body))
    first = frame.head(50)
    last_label = str(frame["label"].iloc[-1])
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "firstRowsSeconds": done - started,
                "downloadSeconds": downloaded - started,
                "lastRowSeconds": done - started,
                "rows": len(frame),
                "firstLabel": str(first["label"].iloc[0]),
                "lastLabel": last_label,
                "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
