"""What users install: release/'s wheel, sdist and npm tarball (`make dist`), installed as a user
without Node would install them.

The wheel goes into a fresh venv (in a temp dir) holding only its runtime dependencies and
JupyterLab, pinned and hashed from requirements.lock (tests/runtime_lock.py), with Node and npm
removed from PATH. From there JupyterLab must list the labextension as enabled and OK, serve the
server extension's routes, and show the local S3 bucket in its S3 panel in Chromium
(ui-tests/packaged/panel.spec.ts); the wheel's `helium` must say in one line that Node is missing, and
run the bundled CLI once Node is back. The npm tarball must install with `npm install -g` and run.
The sdist must build the same wheel without Node.

Slow (~70 s here, ~25 s of it making the venv): `HELIUM_SKIP_DIST_TESTS=1` skips it locally; CI
runs it (`make test` builds release/ first).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import zipfile
from email.parser import Parser
from pathlib import Path

import httpx
import pytest
from runtime_lock import runtime_requirements

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / "release"
VERSION = json.loads((ROOT / "package.json").read_text())["version"]
WHEEL = RELEASE / f"jupyterlab_helium-{VERSION}-py3-none-any.whl"
SDIST = RELEASE / f"jupyterlab_helium-{VERSION}.tar.gz"
NPM_TARBALL = RELEASE / f"jupyterlab-helium-cli-{VERSION}.tgz"
NODE_TOOLS = ("node", "npm", "npx", "corepack")
BUCKET = "helium-dist-test"
TOKEN = "helium-dist-test-token"

pytestmark = [
    pytest.mark.dist,
    pytest.mark.skipif(os.environ.get("HELIUM_SKIP_DIST_TESTS") == "1", reason="HELIUM_SKIP_DIST_TESTS=1"),
    pytest.mark.timeout(600),
]


def path_without_node(*first: Path) -> str:
    """PATH with `first` in front and without any folder that holds node or npm."""
    kept = [
        d
        for d in os.environ.get("PATH", "").split(os.pathsep)
        if d and not any((Path(d) / t).exists() for t in NODE_TOOLS)
    ]
    path = os.pathsep.join([*map(str, first), *kept])
    assert all(shutil.which(t, path=path) is None for t in NODE_TOOLS), path
    return path


def user_env(venv: Path, home: Path, **extra: str) -> dict[str, str]:
    """A user's environment: the venv first, no Node, its own HOME and Jupyter folders, nothing
    of the project's (.venv, PYTHONPATH, Jupyter paths) leaking in."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("VIRTUAL_ENV", "PYTHONPATH", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_CONFIG_DIR")
        and not k.startswith(("AWS_", "HELIUM_"))
    }
    for name in ("config", "data", "runtime"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(
        PATH=path_without_node(venv / "bin"),
        VIRTUAL_ENV=str(venv),
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        **extra,
    )
    return env


def run(cmd: list[str | Path], env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], env=env, capture_output=True, text=True, timeout=300, **kw)


def plain(done: subprocess.CompletedProcess[str]) -> str:
    """stdout and stderr without the colours Jupyter's listings add."""
    return re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)


def index_and_search(helium: Path, env: dict[str, str], s3_url: str) -> None:
    """`helium index` and `helium search` on the test bucket: the search index loads sqlite-wasm,
    which an install without node_modules must carry beside the bundle."""
    env = {**env, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}
    indexed = run([helium, "--endpoint-url", s3_url, "index", f"s3://{BUCKET}/"], env, cwd=env["HOME"])
    assert indexed.returncode == 0, indexed.stderr
    found = run([helium, "--endpoint-url", s3_url, "search", "ext:.txt", f"s3://{BUCKET}/"], env, cwd=env["HOME"])
    assert found.returncode == 0, found.stderr
    assert f"s3://{BUCKET}/hello/world.txt" in found.stdout


def parquet_bytes(columns: dict[str, list]) -> bytes:
    """A small Parquet file, written by pyarrow."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    out = io.BytesIO()
    pq.write_table(pa.table(columns), out)
    return out.getvalue()


def diff_tables(helium: Path, env: dict[str, str], s3_url: str) -> None:
    """`helium diff` of two Parquet objects: the table diff loads apache-arrow and parquet-wasm's
    .wasm, which an install without node_modules must carry in (or beside) the bundle."""
    env = {**env, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}
    tables = f"s3://{BUCKET}/tables"
    done = run(
        [helium, "--endpoint-url", s3_url, "diff", f"{tables}/before.parquet", f"{tables}/after.parquet"],
        env,
        cwd=env["HOME"],
    )
    assert done.returncode == 0, done.stderr
    assert "Rows matched by key: id" in done.stdout, done.stdout
    assert "score: 1.5 → 2.5" in done.stdout, done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def release() -> None:
    missing = [p.name for p in (WHEEL, SDIST, NPM_TARBALL) if not p.is_file()]
    if missing:
        pytest.fail(f"release/ lacks {', '.join(missing)}: run `make dist` first (`make test` does)")


@pytest.fixture(scope="module")
def venv(release, tmp_path_factory) -> Path:
    """A fresh venv with the wheel, its locked runtime dependencies and JupyterLab, made without Node."""
    root = tmp_path_factory.mktemp("user")
    venv = root / "venv"
    with zipfile.ZipFile(WHEEL) as whl:
        meta = Parser().parsestr(whl.read(f"jupyterlab_helium-{VERSION}.dist-info/METADATA").decode())
    runtime = [r for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r]
    requirements = root / "requirements.txt"
    requirements.write_text(runtime_requirements((ROOT / "requirements.lock").read_text(), [*runtime, "jupyterlab"]))
    env = user_env(venv, root / "home")
    started = time.monotonic()
    # No pip in the venv: this interpreter's pip installs into it (`pip --python`), which is faster.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, env=env)
    pip = [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "--disable-pip-version-check"]
    for args in (["-r", requirements, "--require-hashes"], [WHEEL]):
        done = run([*pip, "install", "-q", "--no-deps", *args], env)
        assert done.returncode == 0, done.stdout + done.stderr
    check = run([*pip, "check"], env)
    assert check.returncode == 0, f"the runtime part of requirements.lock is incomplete:\n{check.stdout}"
    count = sum(1 for ln in requirements.read_text().splitlines() if "==" in ln)
    print(f"\nuser venv: {count} locked packages and the wheel in {time.monotonic() - started:.0f} s")
    return venv


@pytest.fixture(scope="module")
def s3_url() -> str:
    """The local S3 of `make test` (HELIUM_TEST_S3_URL), or one of our own, with a small bucket."""
    import boto3

    url = os.environ.get("HELIUM_TEST_S3_URL")
    server = None
    if not url:
        sys.path.insert(0, str(ROOT / "scripts"))
        from local_s3_process import local_s3

        server = local_s3()
        url = server.__enter__()
    s3 = boto3.client(
        "s3", endpoint_url=url, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="hello/world.txt", Body=b"installed from the wheel\n")
    for key, score in (("tables/before.parquet", 1.5), ("tables/after.parquet", 2.5)):
        s3.put_object(Bucket=BUCKET, Key=key, Body=parquet_bytes({"id": [1, 2], "score": [0.5, score]}))
    yield url
    # The shared local S3 of `make test` serves later suites: leave it as it was.
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for obj in page.get("Contents", []):
            s3.delete_object(Bucket=BUCKET, Key=obj["Key"])
    s3.delete_bucket(Bucket=BUCKET)
    if server is not None:
        server.__exit__(None, None, None)


@pytest.fixture(scope="module")
def lab(venv, s3_url, tmp_path_factory):
    """JupyterLab started from the user venv (no Node on PATH) on a free port; yields its URL."""
    home = tmp_path_factory.mktemp("lab-home")
    port = free_port()
    env = user_env(
        venv,
        home,
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_REGION="us-east-1",
        AWS_ENDPOINT_URL_S3=s3_url,
        HELIUM_BUCKETS=BUCKET,
    )
    log = (home / "lab.log").open("w")
    proc = subprocess.Popen(
        [venv / "bin" / "jupyter", "lab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1"]
        + [f"--ServerApp.port={port}", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={home}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, f"JupyterLab exited:\n{(home / 'lab.log').read_text()}"
            try:
                if httpx.get(f"{url}/api/status", params={"token": TOKEN}, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"JupyterLab did not start:\n{(home / 'lab.log').read_text()}"
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_wheel_holds_the_labextension_server_extension_and_cli(release):
    with zipfile.ZipFile(WHEEL) as whl:
        names = set(whl.namelist())
    data = f"jupyterlab_helium-{VERSION}.data/data"
    ext = f"{data}/share/jupyter/labextensions/jupyterlab-helium"
    for name in (
        f"{ext}/package.json",
        f"{ext}/install.json",
        f"{ext}/schemas/jupyterlab-helium/plugin.json",
        f"{data}/etc/jupyter/jupyter_server_config.d/jupyterlab_helium.json",
        "jupyterlab_helium/__init__.py",
        "jupyterlab_helium/handlers.py",
        "jupyterlab_helium/_version.py",
        "jupyterlab_helium/cli/__init__.py",
        "jupyterlab_helium/cli/helium.cjs",
        "jupyterlab_helium/cli/sqlite-wasm/node.mjs",
        "jupyterlab_helium/cli/sqlite-wasm/sqlite3.wasm",
        "jupyterlab_helium/cli/parquet-wasm/parquet_wasm_bg.wasm",
    ):
        assert name in names, name
    assert any(n.startswith(f"{ext}/static/remoteEntry.") for n in names)
    assert not [n for n in names if "/tests/" in n or "node_modules" in n or n.endswith(".map")]


def test_sdist_has_sources_and_prebuilt_files_but_no_tests(release):
    with tarfile.open(SDIST) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for name in (
        "pyproject.toml",
        "package.json",
        "package-lock.json",
        "src/index.ts",
        "src/cli/main.ts",
        "jupyterlab_helium/labextension/package.json",
        "jupyterlab_helium/cli/helium.cjs",
        "jupyter-config/server-config/jupyterlab_helium.json",
    ):
        assert name in names, name
    unwanted = ("tests/", "ui-tests", "node_modules", ".venv", "src/testing", ".spec.", "docs/", "bench/", "release/")
    assert not [n for n in names if any(u in n for u in unwanted) or Path(n).name.startswith((".env", ".aws"))]


def test_versions_agree(release):
    """package.json is the one place: the wheel, the npm package and the CLI bundle agree with it."""
    with tarfile.open(NPM_TARBALL) as tar:
        npm_manifest = json.load(tar.extractfile("package/package.json"))
    assert npm_manifest["version"] == VERSION
    assert npm_manifest["bin"] == {"helium": "helium.cjs"}
    assert not npm_manifest.get("dependencies")
    with tarfile.open(NPM_TARBALL) as tar:
        assert {
            "package/helium.cjs",
            "package/sqlite-wasm/node.mjs",
            "package/sqlite-wasm/sqlite3.wasm",
            "package/parquet-wasm/parquet_wasm_bg.wasm",
        } <= set(tar.getnames())
    with zipfile.ZipFile(WHEEL) as whl:
        assert f"__version__ = VERSION = '{VERSION}'" in whl.read("jupyterlab_helium/_version.py").decode()
        assert f"Version: {VERSION}\n" in whl.read(f"jupyterlab_helium-{VERSION}.dist-info/METADATA").decode()


def test_sdist_builds_the_same_wheel_without_node(release, tmp_path):
    """A wheel built from the sdist needs no npm: the prebuilt files it ships satisfy the hook."""
    with tarfile.open(SDIST) as tar:
        tar.extractall(tmp_path, filter="data")
    source = tmp_path / f"jupyterlab_helium-{VERSION}"
    env = {**os.environ, "PATH": path_without_node(Path(sys.executable).parent)}
    env.pop("HATCH_JUPYTER_BUILDER_SKIP_NPM", None)
    built = run(
        [Path(sys.executable).parent / "hatchling", "build", "-t", "wheel", "-d", tmp_path / "out"], env, cwd=source
    )
    assert built.returncode == 0, built.stdout + built.stderr
    with zipfile.ZipFile(tmp_path / "out" / WHEEL.name) as a, zipfile.ZipFile(WHEEL) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())


def test_labextension_enabled_and_ok_without_node(venv, tmp_path):
    env = user_env(venv, tmp_path)
    listed = run([venv / "bin" / "jupyter", "labextension", "list"], env)
    out = plain(listed)
    assert listed.returncode == 0, out
    lines = [ln.split() for ln in out.splitlines() if "jupyterlab-helium" in ln]
    # e.g. "jupyterlab-helium v0.1.0 enabled OK (python, jupyterlab_helium)", under the venv's folder
    assert [ln[:4] for ln in lines] == [["jupyterlab-helium", f"v{VERSION}", "enabled", "OK"]], out
    assert "(python, jupyterlab_helium)" in " ".join(lines[0]), out  # install.json was read
    assert str(venv / "share" / "jupyter" / "labextensions") in out
    servers = plain(run([venv / "bin" / "jupyter", "server", "extension", "list"], env))
    assert re.search(r"jupyterlab_helium\s+enabled", servers), servers
    assert re.search(rf"jupyterlab_helium\s+{re.escape(VERSION)}\s+OK", servers), servers


def test_helium_without_node_says_what_to_install(venv, tmp_path):
    done = run([venv / "bin" / "helium", "--version"], user_env(venv, tmp_path))
    assert done.returncode == 127
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "Node.js 20 or newer" in lines[0] and "no `node` was found" in lines[0], done.stderr


def test_helium_from_the_wheel_runs_with_node(venv, s3_url, tmp_path):
    node = shutil.which("node")
    assert node, "the test machine has Node (it builds the labextension)"
    env = user_env(venv, tmp_path, HELIUM_NODE=node)
    done = run([venv / "bin" / "helium", "--version"], env)
    assert (done.returncode, done.stdout.strip()) == (0, VERSION), done.stderr
    assert "Usage: helium" in run([venv / "bin" / "helium", "--help"], env).stdout
    index_and_search(venv / "bin" / "helium", env, s3_url)
    diff_tables(venv / "bin" / "helium", env, s3_url)


def test_server_extension_answers_from_the_user_venv(lab, s3_url):
    with httpx.Client(base_url=lab, params={"token": TOKEN}, timeout=30) as http:
        connections = http.get("/helium/connections")
        assert connections.status_code == 200, connections.text
        [connection] = connections.json()["connections"]
        assert connection["buckets"] == [BUCKET]
        listing = http.get(f"/helium/s3/{connection['name']}/{BUCKET}/", params={"list-type": "2", "prefix": "hello/"})
        assert listing.status_code == 200, listing.text
        assert "<Key>hello/world.txt</Key>" in listing.text
        # The page JupyterLab serves loads the prebuilt extension from the venv.
        page = http.get("/lab")
        assert page.status_code == 200
        assert '"name": "jupyterlab-helium"' in page.text or '"name":"jupyterlab-helium"' in page.text
        config = json.loads(page.text.split('id="jupyter-config-data"', 1)[1].split(">", 1)[1].split("</script>")[0])
        [ext] = [e for e in config["federated_extensions"] if e["name"] == "jupyterlab-helium"]
        entry = http.get(f"/lab/extensions/jupyterlab-helium/{ext['load']}")
        assert entry.status_code == 200 and len(entry.content) > 1000


def test_npm_package_installs_globally_and_runs(release, s3_url, tmp_path):
    prefix = tmp_path / "prefix"
    # An absolute path: npm reads `release/x.tgz` as a GitHub shorthand.
    done = run(
        ["npm", "install", "-g", "--prefix", prefix, NPM_TARBALL.resolve(), "--no-audit", "--no-fund", "--offline"],
        {**os.environ, "npm_config_cache": str(tmp_path / "npm-cache")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    env = {**os.environ, "PATH": f"{prefix / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    assert shutil.which("helium", path=env["PATH"]) == str(prefix / "bin" / "helium")
    version = run(["helium", "--version"], env, cwd=tmp_path)
    assert (version.returncode, version.stdout.strip()) == (0, VERSION), version.stderr
    help_text = run(["helium", "--help"], env, cwd=tmp_path)
    assert help_text.returncode == 0 and "Usage: helium" in help_text.stdout
    index_and_search(prefix / "bin" / "helium", {**env, "HOME": str(tmp_path)}, s3_url)
    diff_tables(prefix / "bin" / "helium", {**env, "HOME": str(tmp_path)}, s3_url)


CHROMIUM = os.environ.get("HELIUM_CHROMIUM", "/usr/bin/chromium")
UI_TESTS = ROOT / "ui-tests"


@pytest.mark.skipif(
    not os.environ.get("CI") and not (Path(CHROMIUM).exists() and (UI_TESTS / "node_modules" / "@playwright").exists()),
    reason="needs Chromium and ui-tests/node_modules (`make test` installs both; CI never skips)",
)
def test_panel_lists_the_bucket_in_chromium(lab, tmp_path):
    """ui-tests/packaged/panel.spec.ts in Chromium against the JupyterLab of the user venv."""
    env = {
        **os.environ,
        "HELIUM_DIST_URL": lab,
        "HELIUM_DIST_TOKEN": TOKEN,
        "HELIUM_DIST_BUCKET": BUCKET,
        "HELIUM_DIST_OUTPUT": str(tmp_path / "results"),
    }
    done = run(["npx", "playwright", "test", "-c", "playwright.dist.config.js"], env, cwd=UI_TESTS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout, done.stdout
