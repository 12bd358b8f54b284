/**
 * What `helium --help` prints after the commands: an example of each, where credentials come
 * from, and the exit codes. Kept true with README's command-line section.
 */
import { formatBytes } from '../service/format';
import { TABLE_MAX_BYTES } from '../service/diff/table-kind';

export const EXAMPLES = `
Examples:
  helium ls                                   list buckets
  helium ls s3://my-bucket/data/ --recursive  list every key under data/
  helium put results.csv s3://my-bucket/runs/ --meta '{"run": 12}'
  helium put ./images s3://my-bucket/images/  upload a folder (unchanged files are skipped)
  helium get 's3://my-bucket/runs/results.csv?versionId=abc' old.csv
  helium versions s3://my-bucket/runs/results.csv          every version, newest first
  helium get s3://my-bucket/runs/results.csv --version abc old.csv
  helium restore s3://my-bucket/runs/results.csv --version abc  (a new version; history kept)
  helium undelete s3://my-bucket/runs/results.csv
  helium meta s3://my-bucket/runs/results.csv --set '{"run": 13}'
  helium rm s3://my-bucket/runs/results.csv --version abc --yes  (that version, for good)
  helium get s3://my-bucket/images/ ./images  download a folder
  helium unarchive s3://my-bucket/2019/ -r --days 7   restored copies of archived (Glacier) objects
  helium rm s3://my-bucket/tmp/ --recursive --yes
  helium cp s3://my-bucket/a.csv s3://other-bucket/b.csv
  helium snapshot s3://my-bucket/runs/ -m "after run 12"   prints the snapshot's top hash
  helium snapshots s3://my-bucket/runs/                    snapshots of the folder, newest first
  helium diff s3://my-bucket/runs/ 9adfc26d latest          what changed since that snapshot
  helium diff s3://my-bucket/runs/params.yaml               what its last write changed (a line diff)
  helium diff s3://my-bucket/runs/scores.parquet --key id   a table diff: rows matched by id, changed cells
  helium get s3://my-bucket/runs/results.csv --snapshot 9adfc26d old.csv
  helium diff s3://my-bucket/runs/ q3-release latest        a tag names a snapshot too
  helium restore s3://my-bucket/runs/ --snapshot 9adfc26d --dry-run   what restoring would do
  helium restore s3://my-bucket/runs/ --snapshot q3-release --yes     the folder back to a snapshot
                                              (new versions and delete markers; history kept)
  helium index s3://my-bucket                  build or refresh the local search index
  helium search 'user_meta.ocean:atlantic AND ext:.csv' s3://my-bucket
  helium index s3://my-bucket --to-opensearch https://user:pw@search.example.com   into OpenSearch
  helium pin analysis.ipynb s3://my-bucket/runs/ --snapshot   snapshot if changed, then pin it
  helium pin analysis.ipynb s3://my-bucket/runs/results.csv  pin the file's current version
  helium pins analysis.ipynb                   the notebook's pinned data: in sync, changed, missing
  helium pins update analysis.ipynb --pin hurdat   re-lock a pin to what it follows
  helium tag s3://my-bucket/runs/ 9adfc26d q3-release   name a snapshot (--move to move the tag)
  helium tags s3://my-bucket/runs/ [q3-release]         the folder's tags (or one tag's history)
  helium doctor [--bucket my-bucket]          what is wrong with the credentials, endpoint or buckets

Credentials come from the standard AWS chain (environment, ~/.aws profiles, SSO, instance
roles); AWS_ENDPOINT_URL or --endpoint-url points at other S3 servers (MinIO, Ceph, moto).
Exit codes: 0 ok, 1 error, 2 wrong usage or an invalid value (a bucket, key, package or tag name,
hash, JSON, query), 130 cancelled (Ctrl-C); helium pins: 3 changed since pinned, 4 pinned data
missing, 5 a pin's status unreadable, 6 malformed pins (the most severe wins).
HELIUM_DEBUG=1 shows stack traces.`;

/**
 * What `helium diff --help` adds: the table diff's output, and its `--json` shape (a contract
 * for scripts; README's command-line section says the same).
 */
export const DIFF_TABLE_HELP = `
Tables: Parquet and Arrow/Feather objects get a table diff; CSV and TSV a line diff unless --table
(or --key) is given. Rows are matched on --key columns (a value naming a column of both exactly is
that column, "a,b" included; others split on commas), else on the pandas index both tables were
written with (pandas.to_parquet stores it as columns), else on an id column, either unique in both
tables (as JupyterLab's diff tab does), else by position; the output says which. Then: columns
added, removed or retyped; rows added, removed, changed and unchanged (and duplicate keys); the
first --rows changed rows (default 20), each changed cell as "column: old → new". Tables are read
whole, up to ${formatBytes(TABLE_MAX_BYTES)} a side. Exit code 0 whether or not they differ.

--json of a table diff:
  {"left": SIDE, "right": SIDE, "identical": bool, "kind": "table", "patch": null,
   "match": {"by": "key", "columns": [..], "chosen": "given"|"pandas-index"|"suggested"} | {"by": "position"},
   "columns": [{"name", "status": "same"|"added"|"removed"|"type-changed",
                "leftType", "rightType", "key": bool, "changedCells"}],
   "counts": {"leftRows", "rightRows", "added", "removed", "changed", "unchanged",
              "changedCells", "duplicateKeys": {"left", "right"}},
   "changes": [{"status": "changed"|"added"|"removed", "key": {COLUMN: VALUE} | null,
                "leftRow", "rightRow", "cells": [{"column", "old", "new"}]}],
   "more": N}
  SIDE is {"uri", "versionId", "size", "etag", "lastModified"}; values are text as the diff tab
  shows them (every digit of int64 and decimals), null for null; leftRow/rightRow count from 0
  (pandas' iloc), null where the row is absent. Same ETag: "kind": "same-etag", no table fields.`;
