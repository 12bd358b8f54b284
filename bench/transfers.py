"""Transfer benchmark: the `helium` CLI against boto3's transfer manager and rclone, on one local S3.

    .venv/bin/python bench/transfers.py            # starts scripts/local_s3.py itself
    HELIUM_BENCH_S3_URL=http://127.0.0.1:PORT .venv/bin/python bench/transfers.py

Workloads (each tool in turn, same server, same run): one 1 GiB file and 1,000 files of 100 KiB,
upload then download. Prints wall-clock seconds and peak memory (RSS of the process doing the
transfer) per tool, the CPU seconds of that process and of the S3 server (when this script started
it: the rows where the server is busy all along are bounded by it, not by the client), the
ratios helium/boto3 and helium/rclone, and writes them as JSON to
bench/results/transfers-*.json (see bench/results.py). It measures; it asserts nothing. Set
HELIUM_BENCH_BIG_MIB to shrink the big file. rclone comes from Debian (`apt-get install rclone`, or
`make rclone`); without it that column is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import boto3  # noqa: E402
from boto3.s3.transfer import TransferConfig  # noqa: E402
from botocore.config import Config  # noqa: E402
from local_s3_process import local_s3_process  # noqa: E402
from results import write_results  # noqa: E402

BUCKET = "helium-bench"
BIG_MIB = int(os.environ.get("HELIUM_BENCH_BIG_MIB", "1024"))
SMALL_FILES = int(os.environ.get("HELIUM_BENCH_SMALL_FILES", "1000"))
SMALL_KIB = 100
CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}


def make_big(path: Path, mib: int) -> None:
    block = hashlib.sha256(b"helium").digest() * (1024 * 1024 // 32)
    with open(path, "wb") as f:
        for i in range(mib):
            f.write(block[i % 32 :] + block[: i % 32])


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(8 * 1024 * 1024):
            h.update(chunk)
    return h.hexdigest()


def mib(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def make_small(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"part-{i:04d}.bin").write_bytes(os.urandom(SMALL_KIB * 1024))


# Peak RSS (MiB) and CPU seconds (user + system, all threads) of the last process that did a
# transfer: the CLI's, or the forked boto3 child's.
last_peak_mib: float | None = None
last_cpu_s: float | None = None


def note_usage(usage) -> None:
    """Keep a finished transfer process's peak RSS (wait4's ru_maxrss, KiB on Linux) and CPU time."""
    global last_peak_mib, last_cpu_s
    last_peak_mib = usage.ru_maxrss / 1024
    last_cpu_s = usage.ru_utime + usage.ru_stime


def process_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system, all threads) a running process has used so far, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(cmd: list[str], env: dict[str, str]) -> None:
    """Run a CLI; its peak RSS and CPU time go to `last_peak_mib` and `last_cpu_s`."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    note_usage(usage)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} exited {proc.returncode}: {err.decode(errors='replace')[-2000:]}")


def in_child(fn) -> None:
    """Run fn in a forked child (boto3 runs in-process): its peak RSS and CPU time are noted."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            fn()
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    _, status, usage = os.wait4(pid, 0)
    note_usage(usage)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("the boto3 child failed (see above)")


class Helium:
    name = "helium"

    def __init__(self, url: str):
        self.url = url
        self.env = {**os.environ, **CREDS}
        self.cli = ["node", str(ROOT / "dist" / "helium.cjs")]

    def put_file(self, src: Path, key: str):
        run([*self.cli, "put", str(src), f"s3://{BUCKET}/{key}", "--endpoint-url", self.url], self.env)

    def get_file(self, key: str, dst: Path):
        run([*self.cli, "get", f"s3://{BUCKET}/{key}", str(dst), "--endpoint-url", self.url], self.env)

    def put_dir(self, src: Path, prefix: str):
        run([*self.cli, "put", str(src), f"s3://{BUCKET}/{prefix}/", "--endpoint-url", self.url], self.env)

    def get_dir(self, prefix: str, dst: Path):
        run([*self.cli, "get", f"s3://{BUCKET}/{prefix}/", str(dst), "--endpoint-url", self.url], self.env)


class Boto3:
    name = "boto3"

    def __init__(self, url: str):
        self.s3 = boto3.client(
            "s3",
            endpoint_url=url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}, max_pool_connections=20),
        )
        self.config = TransferConfig(multipart_chunksize=8 * 1024 * 1024, max_concurrency=10)

    def put_file(self, src: Path, key: str):
        in_child(lambda: self.s3.upload_file(str(src), BUCKET, key, Config=self.config))

    def get_file(self, key: str, dst: Path):
        in_child(lambda: self.s3.download_file(BUCKET, key, str(dst), Config=self.config))

    def put_dir(self, src: Path, prefix: str):
        in_child(lambda: self._put_dir(src, prefix))

    def get_dir(self, prefix: str, dst: Path):
        in_child(lambda: self._get_dir(prefix, dst))

    def _put_dir(self, src: Path, prefix: str):
        # boto3 has no folder upload: a thread pool over upload_file, as people write it.
        from concurrent.futures import ThreadPoolExecutor

        files = [p for p in src.rglob("*") if p.is_file()]
        with ThreadPoolExecutor(10) as pool:
            list(
                pool.map(
                    lambda p: self.s3.upload_file(str(p), BUCKET, f"{prefix}/{p.relative_to(src).as_posix()}"), files
                )
            )

    def _get_dir(self, prefix: str, dst: Path):
        from concurrent.futures import ThreadPoolExecutor

        keys = [
            o["Key"]
            for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=f"{prefix}/")
            for o in page.get("Contents", [])
        ]

        def one(key: str):
            target = dst / key[len(prefix) + 1 :]
            target.parent.mkdir(parents=True, exist_ok=True)
            self.s3.download_file(BUCKET, key, str(target))

        with ThreadPoolExecutor(10) as pool:
            list(pool.map(one, keys))


class Rclone:
    name = "rclone"

    def __init__(self, url: str):
        self.env = {
            **os.environ,
            "RCLONE_CONFIG_BENCH_TYPE": "s3",
            "RCLONE_CONFIG_BENCH_PROVIDER": "Other",
            "RCLONE_CONFIG_BENCH_ENDPOINT": url,
            "RCLONE_CONFIG_BENCH_ACCESS_KEY_ID": "testing",
            "RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY": "testing",
            "RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE": "true",
        }
        # rclone's AWS SDK refuses a custom CA bundle with its own HTTP transport; the local S3 is http.
        self.env.pop("AWS_CA_BUNDLE", None)

    def put_file(self, src: Path, key: str):
        run(["rclone", "copyto", str(src), f"bench:{BUCKET}/{key}"], self.env)

    def get_file(self, key: str, dst: Path):
        run(["rclone", "copyto", f"bench:{BUCKET}/{key}", str(dst)], self.env)

    def put_dir(self, src: Path, prefix: str):
        run(["rclone", "copy", str(src), f"bench:{BUCKET}/{prefix}"], self.env)

    def get_dir(self, prefix: str, dst: Path):
        run(["rclone", "copy", f"bench:{BUCKET}/{prefix}", str(dst)], self.env)


WORKLOADS = ["big up", "big down", "small up", "small down"]


def print_tables(url: str, rows: dict[str, dict[str, dict[str, float | None]]]) -> None:
    """Seconds and ratios, then peak memory, then client and server CPU seconds, per workload."""
    names = list(rows)

    def value(n: str, workload: str, field: str, fmt: str) -> str:
        v = rows[n].get(workload, {}).get(field)
        return f"{'-':>10s}" if v is None else f"{v:10{fmt}}"

    def ratio(n: str, workload: str) -> str:
        if workload in rows[n] and workload in rows["helium"]:
            return f"{rows['helium'][workload]['seconds'] / rows[n][workload]['seconds']:16.2f}"
        return f"{'-':>16s}"

    print(f"\nTransfers on {url}: one {BIG_MIB} MiB file, {SMALL_FILES} files of {SMALL_KIB} KiB (seconds)")
    print(
        f"{'workload':12s}"
        + "".join(f"{n:>10s}" for n in names)
        + "".join(f"{'helium/' + n:>16s}" for n in names if n != "helium")
    )
    for workload in WORKLOADS:
        line = f"{workload:12s}" + "".join(value(n, workload, "seconds", ".2f") for n in names)
        print(line + "".join(ratio(n, workload) for n in names if n != "helium"))
    for title, field, fmt in [
        ("Peak memory (MiB, RSS of the process doing the transfer)", "peak_rss_mib", ".0f"),
        ("CPU seconds of the process doing the transfer", "cpu_seconds", ".2f"),
        ("CPU seconds of the S3 server meanwhile (when this script started it)", "server_cpu_seconds", ".2f"),
    ]:
        print(f"\n{title}")
        print(f"{'workload':12s}" + "".join(f"{n:>10s}" for n in names))
        for workload in WORKLOADS:
            print(f"{workload:12s}" + "".join(value(n, workload, field, fmt) for n in names))


def bench(url: str, server_pid: int | None = None) -> None:
    s3 = boto3.client(
        "s3", endpoint_url=url, aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )
    with contextlib.suppress(Exception):
        s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    tools = [Helium(url), Boto3(url)] + ([Rclone(url)] if shutil.which("rclone") else [])
    work = Path(tempfile.mkdtemp(prefix="helium-bench-"))
    try:
        big = work / "big.bin"
        make_big(big, BIG_MIB)
        big_sha = file_sha256(big)
        small = work / "small"
        make_small(small, SMALL_FILES)
        # tool -> workload -> {"seconds", "peak_rss_mib", "cpu_seconds", "server_cpu_seconds"}
        rows: dict[str, dict[str, dict[str, float | None]]] = {}
        for tool in tools:
            out = work / f"out-{tool.name}"
            out.mkdir()
            r = rows[tool.name] = {}

            def measure(workload: str, fn, r=r) -> None:
                global last_peak_mib, last_cpu_s
                last_peak_mib = last_cpu_s = None
                server_before = process_cpu_seconds(server_pid) if server_pid else None
                seconds = timed(fn)
                server_after = process_cpu_seconds(server_pid) if server_pid else None
                r[workload] = {
                    "seconds": seconds,
                    "peak_rss_mib": last_peak_mib,
                    "cpu_seconds": last_cpu_s,
                    "server_cpu_seconds": None
                    if server_before is None or server_after is None
                    else server_after - server_before,
                }

            try:
                measure("big up", lambda t=tool: t.put_file(big, f"{t.name}/big.bin"))
                measure("big down", lambda t=tool, o=out: t.get_file(f"{t.name}/big.bin", o / "big.bin"))
                assert (out / "big.bin").stat().st_size == big.stat().st_size, f"{tool.name}: wrong size"
                assert file_sha256(out / "big.bin") == big_sha, f"{tool.name}: wrong bytes"
                measure("small up", lambda t=tool: t.put_dir(small, f"{t.name}/small"))
                measure("small down", lambda t=tool, o=out: t.get_dir(f"{t.name}/small", o / "small"))
                assert len(list((out / "small").rglob("*.bin"))) == SMALL_FILES, f"{tool.name}: files missing"
            except Exception as err:  # one tool failing must not hide the others' numbers
                print(f"{tool.name} failed: {err}", file=sys.stderr)
            print(
                f"{tool.name}: "
                + ", ".join(f"{k} {v['seconds']:.2f} s ({mib(v['peak_rss_mib'])} MiB peak)" for k, v in r.items()),
                flush=True,
            )
            shutil.rmtree(out)
        print_tables(url, rows)
        labels = {
            "big up": f"{BIG_MIB} MiB up",
            "big down": f"{BIG_MIB} MiB down",
            "small up": f"{SMALL_FILES} x {SMALL_KIB} KiB up",
            "small down": f"{SMALL_FILES} x {SMALL_KIB} KiB down",
        }
        records = [
            {
                "workload": labels[workload],
                "tool": n,
                **{k: None if v is None else round(v, 3) for k, v in rows[n].get(workload, {"seconds": None}).items()},
            }
            for workload in labels
            for n in rows
        ]
        config = {"big_mib": BIG_MIB, "small_files": SMALL_FILES, "small_kib": SMALL_KIB, "s3": url}
        print(f"\nResults written to {write_results('transfers', records, config).relative_to(ROOT)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    url = os.environ.get("HELIUM_BENCH_S3_URL")
    if url:
        bench(url)
        return
    with local_s3_process() as (url, server):
        bench(url, server.pid)


if __name__ == "__main__":
    main()
