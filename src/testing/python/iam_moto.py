"""A moto server that enforces IAM, with an admin and a user allowed only to list, for the doctor
tests (jupyterlab_helium/tests/test_doctor.py and src/cli/doctor.int.spec.ts); and a read-only
user (s3:ListBucket + s3:GetObject, no s3:ListBucketVersions) of a versioned bucket holding one
object with metadata and one deleted object, for src/cli/search-readonly.int.spec.ts.

    python iam_moto.py FOLDER [--readonly]

prints one line ``{"url": …, "credentials": …}`` and serves until its stdin closes.

moto serves the first ``INITIAL_NO_AUTH_ACTION_COUNT`` (3) S3/IAM requests unchecked (the admin's
bootstrap), then checks every signature and the signer's IAM policies, as
src/service/access.int.spec.ts does. Keys are written to an AWS shared credentials file as the
profiles ``doctor-admin``, ``doctor-lister`` and, with ``--readonly``, ``helium-reader`` (the
read-only bucket is made only then, so the doctor tests see their two buckets alone).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3

VERSIONED = "doctor-versioned"
PLAIN = "doctor-plain"
KEY = "data/one.csv"
READONLY = "helium-readonly"


def _policy(statements) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def _readonly_setup(s3, iam):
    """The read-only bucket and its user (without s3:ListBucketVersions); returns the user's key."""
    s3.create_bucket(Bucket=READONLY)
    s3.put_bucket_versioning(Bucket=READONLY, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(
        Bucket=READONLY,
        Key="data/storms.csv",
        Body=b"year\n1990\n",
        Metadata={"helium": '{"user_meta": {"ocean": "atlantic"}}'},
    )
    s3.put_object(Bucket=READONLY, Key="data/gone.csv", Body=b"year\n")
    s3.delete_object(Bucket=READONLY, Key="data/gone.csv")
    iam.create_user(UserName="reader")
    iam.put_user_policy(
        UserName="reader",
        PolicyName="read-only",
        PolicyDocument=_policy(
            [
                {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": f"arn:aws:s3:::{READONLY}"},
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{READONLY}/*"},
            ]
        ),
    )
    return iam.create_access_key(UserName="reader")["AccessKey"]


def start_iam_moto(folder: Path, readonly: bool = False):
    """(url, credentials file, process): a moto server with IAM enforcement, set up."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("moto_server")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "moto.server"]
    log = open(folder / "moto-iam.log", "wb")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen(
        [*cmd, "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=log,
        env={**os.environ, "INITIAL_NO_AUTH_ACTION_COUNT": "3"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("moto (IAM) did not start") from None
            time.sleep(0.2)

    def client(service, key="bootstrap", secret="bootstrap"):
        return boto3.client(
            service, endpoint_url=url, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret
        )

    bootstrap = client("iam")
    bootstrap.create_user(UserName="admin")
    bootstrap.put_user_policy(
        UserName="admin",
        PolicyName="all",
        PolicyDocument=_policy([{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
    )
    admin = bootstrap.create_access_key(UserName="admin")["AccessKey"]
    iam = client("iam", admin["AccessKeyId"], admin["SecretAccessKey"])
    s3 = client("s3", admin["AccessKeyId"], admin["SecretAccessKey"])
    s3.create_bucket(Bucket=VERSIONED)
    s3.put_bucket_versioning(Bucket=VERSIONED, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=VERSIONED, Key=KEY, Body=b"id\n1\n")
    s3.create_bucket(Bucket=PLAIN)
    iam.create_user(UserName="lister")
    iam.put_user_policy(
        UserName="lister",
        PolicyName="list-only",
        PolicyDocument=_policy(
            [
                {
                    "Effect": "Allow",
                    "Action": "s3:ListBucket",
                    "Resource": [f"arn:aws:s3:::{VERSIONED}", f"arn:aws:s3:::{PLAIN}"],
                }
            ]
        ),
    )
    lister = iam.create_access_key(UserName="lister")["AccessKey"]
    profiles = [("doctor-admin", admin), ("doctor-lister", lister)]
    if readonly:
        profiles.append(("helium-reader", _readonly_setup(s3, iam)))
    credentials = folder / "credentials"
    credentials.write_text(
        "".join(
            f"[{name}]\naws_access_key_id = {k['AccessKeyId']}\naws_secret_access_key = {k['SecretAccessKey']}\n"
            for name, k in profiles
        )
    )
    return url, credentials, proc, log


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    url, credentials, proc, log = start_iam_moto(folder, readonly="--readonly" in sys.argv[2:])
    print(json.dumps({"url": url, "credentials": str(credentials)}), flush=True)
    try:
        sys.stdin.read()
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
