"""Start and stop the embedded local S3 (scripts/local_s3.py) as a child process.

Used by run_tests.py, run_demo.py and run_bench.py so that each starts its own server and
always stops it, whatever happens.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def local_s3(*args: str, timeout: float = 300.0):
    """Runs `local_s3.py ARGS…` and yields its URL once it is ready."""
    with local_s3_process(*args, timeout=timeout) as (url, _proc):
        yield url


@contextlib.contextmanager
def local_s3_process(*args: str, timeout: float = 300.0):
    """Like `local_s3`, but yields `(url, process)` (benchmarks read the server's CPU time)."""
    workdir = Path(tempfile.mkdtemp(prefix="helium-s3-"))
    url_file = workdir / "url"
    log_path = workdir / "local_s3.log"
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
        "AWS_SECRET_ACCESS_KEY": os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "local_s3.py"), "--url-file", str(url_file), *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            deadline = time.monotonic() + timeout
            while not url_file.exists():
                if proc.poll() is not None:
                    raise RuntimeError(f"The local S3 server exited early:\n{log_path.read_text()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"The local S3 server did not start in {timeout:.0f} s:\n{log_path.read_text()}")
                time.sleep(0.2)
            yield url_file.read_text().strip(), proc
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
