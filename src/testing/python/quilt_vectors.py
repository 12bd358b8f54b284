"""Reference values from real quilt3 for the jest tests of src/service/snapshots (no S3 needed).

Run with the project's venv (`.venv/bin/python`). Every command prints one JSON document on stdout.

Commands:
  manifests FILE        FILE holds a JSON list of manifest texts (JSONL). For each, quilt3 loads it
                        (`Package.load`) and prints {"top_hash": pkg.top_hash, "dump": <pkg.dump()
                        as text>} or {"error": "..."}.
  dumps FILE            FILE holds a JSON list of JSON texts. For each, print {"canonical":
                        json.dumps(v, sort_keys=True, separators=(',', ':')), "manifest":
                        json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode(v)}, or
                        {"error": "..."} where Python refuses.
  chunked SIZE...       quilt3's sha2-256-chunked value (checksums.calculate_multipart_checksum_bytes)
                        of SIZE bytes of the pattern byte[i] = (i * 31 + 7) & 255; prints {SIZE: value}.
  names NAME...         {NAME: true/false}: whether quilt3's validate_package_name accepts it.
  physical-keys FILE    FILE holds a JSON list of [bucket, key, version_id or null]. Prints, for each,
                        {"url": str(PhysicalKey(...)), "parsed": [bucket, path, version_id] of
                        PhysicalKey.from_url(url)}.
"""

import contextlib
import io
import json
import sys

import numpy as np  # noqa: E402
from quilt_sandbox import import_quilt3  # noqa: E402  (this folder is sys.path[0])

# quilt3 reads its configuration directories when imported: keep them out of the user's home.
quilt3 = import_quilt3(None, "helium-quilt-")
with contextlib.redirect_stdout(sys.stderr):
    from quilt3 import checksums, util  # noqa: E402


def pattern(size):
    return ((np.arange(size, dtype=np.uint64) * 31 + 7) & 255).astype(np.uint8).tobytes()


def cmd_manifests(path):
    with open(path, encoding="utf-8") as f:
        texts = json.load(f)
    out = []
    for text in texts:
        try:
            with contextlib.redirect_stdout(sys.stderr):
                pkg = quilt3.Package.load(io.BytesIO(text.encode("utf-8", "surrogatepass")))
                buf = io.BytesIO()
                pkg.dump(buf)
            out.append({"top_hash": pkg.top_hash, "dump": buf.getvalue().decode("utf-8")})
        except Exception as e:  # noqa: BLE001 - the test compares refusals too
            out.append({"error": f"{type(e).__name__}: {e}"})
    return out


def cmd_dumps(path):
    with open(path, encoding="utf-8") as f:
        texts = json.load(f)
    out = []
    for text in texts:
        try:
            value = json.loads(text)
            out.append(
                {
                    "canonical": json.dumps(value, sort_keys=True, separators=(",", ":")),
                    "manifest": json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode(value),
                }
            )
        except Exception as e:  # noqa: BLE001
            out.append({"error": f"{type(e).__name__}: {e}"})
    return out


def cmd_chunked(sizes):
    return {
        size: checksums.calculate_multipart_checksum_bytes(pattern(int(size)), checksum_type="sha2-256-chunked")
        for size in sizes
    }


def cmd_names(names):
    out = {}
    for name in names:
        try:
            util.validate_package_name(name)
            out[name] = True
        except util.QuiltException:
            out[name] = False
    return out


def cmd_physical_keys(path):
    with open(path, encoding="utf-8") as f:
        refs = json.load(f)
    out = []
    for bucket, key, version_id in refs:
        url = str(util.PhysicalKey(bucket, key, version_id))
        parsed = util.PhysicalKey.from_url(url)
        out.append({"url": url, "parsed": [parsed.bucket, parsed.path, parsed.version_id]})
    return out


def main(argv):
    command, args = argv[0], argv[1:]
    if command == "manifests":
        result = cmd_manifests(args[0])
    elif command == "dumps":
        result = cmd_dumps(args[0])
    elif command == "chunked":
        result = cmd_chunked(args)
    elif command == "names":
        result = cmd_names(args)
    elif command == "physical-keys":
        result = cmd_physical_keys(args[0])
    else:
        raise SystemExit(f"unknown command {command!r}")
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
