"""Write a long CSV object straight to the local S3 (boto3), for the table viewer's CSV preview.

Usage: csv_big_fixture.py BUCKET KEY ROWS S3_URL

Rows are ``<id>,row <id>,<id * 0.5>`` under the header ``id,label,value``, with a line of
padding text so the file is about ROWS * 80 bytes. Prints one JSON document: size and rows.
"""

import json
import os
import sys

import boto3


def main(argv: list[str]) -> int:
    bucket, key, rows, url = argv[1], argv[2], int(argv[3]), argv[4]
    pad = "x" * 50
    body = "id,label,value,pad\n" + "".join(f"{i},row {i},{i * 0.5},{pad}\n" for i in range(rows))
    data = body.encode("utf-8")
    s3 = boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
    )
    s3.put_object(Bucket=bucket, Key=key, Body=data, ContentType="text/csv")
    print(json.dumps({"size": len(data), "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
