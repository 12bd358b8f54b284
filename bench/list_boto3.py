"""Time boto3's ListObjectsV2 paginator on a prefix: first page and full listing.

    .venv/bin/python bench/list_boto3.py --url URL --bucket B --prefix P [--reps N] [--page-size 1000]

Prints one JSON object: {"first_ms": [...], "full_ms": [...], "full_cpu_ms": [...], "entries": N,
"pages": N, "boto3": "x.y.z"} (full_cpu_ms: this client process's CPU time during the full listing).
Run by bench/listing.ts; it measures, it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time

import boto3
from botocore.config import Config


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--bucket", required=True)
    p.add_argument("--prefix", default="")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--page-size", type=int, default=1000)
    args = p.parse_args()

    s3 = boto3.client(
        "s3",
        endpoint_url=args.url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )
    paginator = s3.get_paginator("list_objects_v2")
    params = {
        "Bucket": args.bucket,
        "Prefix": args.prefix,
        "Delimiter": "/",
        "PaginationConfig": {"PageSize": args.page_size},
    }

    def first_page() -> float:
        start = time.perf_counter()
        page = next(iter(paginator.paginate(**params)))
        assert "KeyCount" in page
        return (time.perf_counter() - start) * 1000

    def full() -> tuple[float, float, int, int]:
        start = time.perf_counter()
        cpu = time.process_time()
        entries = pages = 0
        for page in paginator.paginate(**params):
            pages += 1
            entries += len(page.get("Contents", [])) + len(page.get("CommonPrefixes", []))
        cpu_ms = (time.process_time() - cpu) * 1000
        return (time.perf_counter() - start) * 1000, cpu_ms, entries, pages

    first_page()  # warm-up: connection pool, endpoint resolution
    firsts = [first_page() for _ in range(args.reps)]
    fulls = []
    cpus = []
    entries = pages = 0
    for _ in range(args.reps):
        ms, cpu_ms, entries, pages = full()
        fulls.append(ms)
        cpus.append(cpu_ms)
    print(
        json.dumps(
            {
                "first_ms": firsts,
                "full_ms": fulls,
                "full_cpu_ms": cpus,
                "entries": entries,
                "pages": pages,
                "boto3": boto3.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
