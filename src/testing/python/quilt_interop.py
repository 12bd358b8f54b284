"""quilt3 on the other side of the snapshot tests (src/service/snapshots/*.int.spec.ts).

Run with the project's venv (`.venv/bin/python`). The S3 endpoint is HELIUM_TEST_S3_URL (moto);
quilt3 reaches it through botocore's AWS_ENDPOINT_URL, with test credentials, usage metrics off and
its configuration and cache directories in a temporary directory. Every command prints one JSON
document on stdout (quilt3's own messages go to stderr).

Commands:
  browse BUCKET NAME [TOP_HASH]      Package.browse(NAME, registry=s3://BUCKET, top_hash=TOP_HASH);
                                     prints {"top_hash": <recomputed by quilt3>, "header": pkg._meta,
                                     "entries": [{"logical_key", "physical_key", "size", "hash",
                                     "meta"}]}
  fetch BUCKET NAME TOP_HASH         browse, then pkg.fetch() into a temporary directory; prints
                                     {logical_key: sha256 hex of the fetched file}
  push BUCKET NAME DIR MESSAGE [META_JSON]
                                     Package().set_dir('/', DIR) (and set_meta), push to s3://BUCKET
                                     with force=True; prints {"top_hash": …}
  push_entry_meta BUCKET NAME DIR MESSAGE ENTRY_META_JSON
                                     push, with pkg[logical_key].set_meta(meta) first for each
                                     {logical_key: meta} of ENTRY_META_JSON (metadata that lives in
                                     the manifest only, not on the objects); prints {"top_hash": …}
  versions BUCKET NAME               quilt3.list_package_versions(NAME, registry=s3://BUCKET);
                                     prints [[pointer, top_hash], …]
  packages BUCKET                    quilt3.list_packages(registry=s3://BUCKET); prints [name, …]
  delete_version BUCKET NAME TOP_HASH
                                     quilt3.delete_package(NAME, registry, top_hash=TOP_HASH), then
                                     prints {"latest": <the top hash quilt3 left in latest>}
  set_dir BUCKET FOLDER NAME         Package().set_dir('', s3://BUCKET/FOLDER) (the logical keys quilt3
                                     gives a folder's objects), then build(NAME) in s3://BUCKET (hashes
                                     computed, physical keys kept); prints what browse prints, or
                                     {"error": "<exception class>: <message>"} when quilt3 refuses
  workflow BUCKET FOLDER NAME MESSAGE META_JSON WORKFLOW
                                     Package().set_dir('', s3://BUCKET/FOLDER), set_meta(META_JSON unless
                                     "-"), then quilt3.workflows.validate with WORKFLOW ("..." for the
                                     default, "none" for None, else an id; MESSAGE "-" for None), writing
                                     nothing; prints {"workflow": <what the header would hold>} or
                                     {"error": "<exception class>: <message>"}
"""

import contextlib
import hashlib
import json
import os
import sys
import tempfile

from quilt_sandbox import import_quilt3  # noqa: E402  (this folder is sys.path[0])

quilt3 = import_quilt3(os.environ["HELIUM_TEST_S3_URL"], "helium-quilt-")


def registry(bucket):
    return f"s3://{bucket}"


def browse(bucket, name, top_hash=None):
    with contextlib.redirect_stdout(sys.stderr):
        return quilt3.Package.browse(name, registry=registry(bucket), top_hash=top_hash)


def cmd_browse(bucket, name, top_hash=None):
    pkg = browse(bucket, name, top_hash)
    entries = [
        {
            "logical_key": lk,
            "physical_key": str(entry.physical_key),
            "size": entry.size,
            "hash": entry.hash,
            "meta": entry._meta,
        }
        for lk, entry in pkg.walk()
    ]
    return {"top_hash": pkg.top_hash, "header": pkg._meta, "entries": entries}


def cmd_fetch(bucket, name, top_hash):
    pkg = browse(bucket, name, top_hash)
    dest = tempfile.mkdtemp(prefix="helium-fetch-")
    with contextlib.redirect_stdout(sys.stderr):
        pkg.fetch(dest + "/")
    out = {}
    for lk, _entry in pkg.walk():
        with open(os.path.join(dest, lk), "rb") as f:
            out[lk] = hashlib.sha256(f.read()).hexdigest()
    return out


def cmd_push(bucket, name, directory, message, meta_json=None):
    pkg = quilt3.Package().set_dir("/", directory)
    if meta_json is not None:
        pkg.set_meta(json.loads(meta_json))
    with contextlib.redirect_stdout(sys.stderr):
        pushed = pkg.push(name, registry=registry(bucket), message=message, force=True)
    return {"top_hash": pushed.top_hash}


def cmd_push_entry_meta(bucket, name, directory, message, entry_meta_json):
    pkg = quilt3.Package().set_dir("/", directory)
    for logical_key, meta in json.loads(entry_meta_json).items():
        pkg[logical_key].set_meta(meta)
    with contextlib.redirect_stdout(sys.stderr):
        pushed = pkg.push(name, registry=registry(bucket), message=message, force=True)
    return {"top_hash": pushed.top_hash}


def cmd_versions(bucket, name):
    with contextlib.redirect_stdout(sys.stderr):
        return [
            [pointer, top_hash] for pointer, top_hash in quilt3.list_package_versions(name, registry=registry(bucket))
        ]


def cmd_packages(bucket):
    with contextlib.redirect_stdout(sys.stderr):
        return sorted(quilt3.list_packages(registry=registry(bucket)))


def cmd_delete_version(bucket, name, top_hash):
    with contextlib.redirect_stdout(sys.stderr):
        quilt3.delete_package(name, registry=registry(bucket), top_hash=top_hash)
        return {"latest": quilt3.Package.browse(name, registry=registry(bucket)).top_hash}


def cmd_set_dir(bucket, folder, name):
    try:
        with contextlib.redirect_stdout(sys.stderr):
            pkg = quilt3.Package().set_dir("", f"s3://{bucket}/{folder}")
            top_hash = pkg.build(name, registry=registry(bucket), message="set_dir")
    except Exception as err:  # noqa: BLE001  (what quilt3 refuses is the answer)
        return {"error": f"{type(err).__name__}: {err}"}
    return cmd_browse(bucket, name, top_hash)


def cmd_workflow(bucket, folder, name, message, meta_json, workflow):
    chosen = ... if workflow == "..." else None if workflow == "none" else workflow
    try:
        with contextlib.redirect_stdout(sys.stderr):
            pkg = quilt3.Package().set_dir("", f"s3://{bucket}/{folder}")
            if meta_json != "-":
                pkg.set_meta(json.loads(meta_json))
            data = quilt3.workflows.validate(
                registry=quilt3.backends.get_package_registry(registry(bucket)),
                workflow=chosen,
                name=name,
                pkg=pkg,
                message=None if message == "-" else message,
            )
    except Exception as err:  # noqa: BLE001  (what quilt3 refuses is the answer)
        return {"error": f"{type(err).__name__}: {err}"}
    return {"workflow": data}


def main(argv):
    command, args = argv[0], argv[1:]
    commands = {
        "browse": cmd_browse,
        "fetch": cmd_fetch,
        "push": cmd_push,
        "push_entry_meta": cmd_push_entry_meta,
        "versions": cmd_versions,
        "set_dir": cmd_set_dir,
        "packages": cmd_packages,
        "delete_version": cmd_delete_version,
        "workflow": cmd_workflow,
    }
    if command not in commands:
        raise SystemExit(f"unknown command {command!r}")
    sys.stdout.write(json.dumps(commands[command](*args)))


if __name__ == "__main__":
    main(sys.argv[1:])
