"""The quilt3 side of bench/snapshots.ts: package an S3 folder in place, and diff two manifests.

    .venv/bin/python bench/snapshots_quilt3.py push URL BUCKET NAME FOLDER MESSAGE
    .venv/bin/python bench/snapshots_quilt3.py push-reuse URL BUCKET NAME FOLDER MESSAGE
    .venv/bin/python bench/snapshots_quilt3.py diff LEFT.jsonl RIGHT.jsonl

- push: ``Package().set_dir("/", "s3://BUCKET/FOLDER")`` (ListObjectVersions, current versions,
  physical keys pinned by versionId), then ``push(NAME, registry="s3://BUCKET",
  selector_fn=lambda *_: False, force=True)``: nothing is copied (the physical keys stay where they
  are), quilt3 hashes every entry (it has no hash yet, so quilt3 downloads it: ranged GETs,
  QUILT_TRANSFER_MAX_CONCURRENCY threads, default 10) and writes the manifest, the timestamped
  pointer and ``latest``. This is quilt3's closest equivalent of a snapshot of a folder.
- push-reuse: the same, but first ``Package.browse(NAME)`` (the previous push) and copy the hash
  of every entry whose physical key (bucket, key and versionId) is unchanged, so only new versions
  are hashed. quilt3 does not do this itself; it is what a quilt3 user would write by hand.
- diff: ``Package.load`` of two local manifests, then ``left.diff(right)`` (quilt3's in-memory
  diff: added, modified, deleted; it compares size, hash and meta, not physical keys), timed once
  (first) and then 3 more times (warm: median; not in the CPU and RSS figures).

Every command prints one JSON object on stdout (quilt3's own output goes to stderr): seconds per
phase, this process's CPU seconds and peak RSS (MiB, ru_maxrss: includes the interpreter and
quilt3's imports), and what it found. It measures; it asserts nothing about time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "testing", "python"))
from quilt_sandbox import import_quilt3  # noqa: E402

quilt3 = import_quilt3(
    sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] in ("push", "push-reuse") else None, "helium-bench-quilt-"
)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def entries_digest(pkg) -> str:
    """sha256 over sorted "logical_key<TAB>hash<LF>" lines, to check both tools hashed alike."""
    lines = sorted(f"{lk}\t{entry.hash['value']}\n" for lk, entry in pkg.walk())
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def cmd_push(url: str, bucket: str, name: str, folder: str, message: str, reuse: bool = False) -> dict:
    registry = f"s3://{bucket}"
    cpu = time.process_time()
    start = time.perf_counter()
    reused = 0
    browse_s = 0.0
    with contextlib.redirect_stdout(sys.stderr):
        known = {}
        if reuse:
            previous = quilt3.Package.browse(name, registry=registry)
            known = {
                (e.physical_key.bucket, e.physical_key.path, e.physical_key.version_id): e.hash
                for _lk, e in previous.walk()
            }
            browse_s = time.perf_counter() - start
        listed = time.perf_counter()
        pkg = quilt3.Package().set_dir("/", f"s3://{bucket}/{folder}")
        for _lk, entry in pkg.walk():
            pk = entry.physical_key
            known_hash = known.get((pk.bucket, pk.path, pk.version_id))
            if known_hash is not None:
                entry.hash = known_hash
                reused += 1
        set_dir_s = time.perf_counter() - listed
        pushing = time.perf_counter()
        pushed = pkg.push(name, registry=registry, message=message, selector_fn=lambda *_: False, force=True)
        push_s = time.perf_counter() - pushing
    seconds = time.perf_counter() - start
    cpu_s = time.process_time() - cpu
    physical = {str(e.physical_key).split("?", 1)[0] for _lk, e in pushed.walk()}
    return {
        "seconds": seconds,
        "browse_seconds": browse_s,
        "set_dir_seconds": set_dir_s,
        "push_seconds": push_s,
        "cpu_seconds": cpu_s,
        "peak_rss_mib": peak_rss_mib(),
        "top_hash": pushed.top_hash,
        "entries": sum(1 for _ in pushed.walk()),
        "reused_hashes": reused,
        "copied": sum(1 for p in physical if not p.startswith(f"s3://{bucket}/{folder}")),
        "entries_digest": entries_digest(pushed),
        "quilt3": quilt3.__version__,
    }


def cmd_diff(left_path: str, right_path: str) -> dict:
    cpu = time.process_time()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):
        with open(left_path) as f:
            left = quilt3.Package.load(f)
        with open(right_path) as f:
            right = quilt3.Package.load(f)
        loaded = time.perf_counter()
        added, modified, deleted = left.diff(right)
    done = time.perf_counter()
    cpu_s = time.process_time() - cpu
    peak = peak_rss_mib()
    warm = []
    for _ in range(3):
        again = time.perf_counter()
        left.diff(right)
        warm.append(time.perf_counter() - again)
    return {
        "load_seconds": loaded - start,
        "diff_seconds": done - loaded,
        "warm_diff_seconds": sorted(warm)[1],
        "cpu_seconds": cpu_s,
        "peak_rss_mib": peak,
        "added": len(added),
        "modified": len(modified),
        "deleted": len(deleted),
        "quilt3": quilt3.__version__,
    }


def main(argv: list[str]) -> None:
    command, args = argv[0], argv[1:]
    if command == "push":
        out = cmd_push(*args)
    elif command == "push-reuse":
        out = cmd_push(*args, reuse=True)
    elif command == "diff":
        out = cmd_diff(*args)
    else:
        raise SystemExit(f"unknown command {command!r}")
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
