"""boto3 on the other side of the odd-key tests (src/cli/odd-keys.int.spec.ts): it writes objects
under keys any tool may write (control characters, `.`/`..`/empty segments, `%`, `?`, `#`, `+`,
spaces, unicode, 1,024 bytes), as a person's own scripts would.

Run with the project's venv (`.venv/bin/python`). The S3 endpoint is HELIUM_TEST_S3_URL (moto).
Keys travel as JSON (control characters escaped); every command prints one JSON document.

Commands:
  put BUCKET ITEMS_JSON   ITEMS_JSON is [[key, body], ...] (body as text, written as UTF-8);
                          put_object each; prints {key: version_id}
"""

import json
import sys

from local_s3_client import s3_client  # noqa: E402  (this folder is sys.path[0])


def cmd_put(bucket, items_json):
    s3 = s3_client()
    versions = {}
    for key, body in json.loads(items_json):
        response = s3.put_object(Bucket=bucket, Key=key, Body=body.encode("utf-8"))
        versions[key] = response.get("VersionId")
    return versions


def main(argv):
    command, args = argv[0], argv[1:]
    commands = {"put": cmd_put}
    if command not in commands:
        raise SystemExit(f"unknown command {command!r}")
    sys.stdout.write(json.dumps(commands[command](*args)))


if __name__ == "__main__":
    main(sys.argv[1:])
