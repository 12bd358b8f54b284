"""Objects for the search tests, written by boto3 with a raw ``x-amz-meta-helium`` header (T4's layout).

Usage: search_fixtures.py put BUCKET '[[key, body, {"user_meta": ...}], ...]'
Prints {"written": N}.
"""

from __future__ import annotations

import json
import sys

from local_s3_client import s3_client


def main() -> None:
    _, command, bucket, spec = sys.argv
    assert command == "put"
    client = s3_client()
    items = json.loads(spec)
    for key, body, helium in items:
        client.put_object(Bucket=bucket, Key=key, Body=body.encode(), Metadata={"helium": json.dumps(helium)})
    print(json.dumps({"written": len(items)}))


if __name__ == "__main__":
    main()
