#!/usr/bin/env bash
# Listing benchmark: ours (listPrefixPages) vs boto3 on one local S3 with a 100,000-key prefix.
#
#   bench/run-listing.sh                 # starts scripts/local_s3.py with helium-big/many:100000
#   HELIUM_BENCH_S3_URL=http://127.0.0.1:PORT bench/run-listing.sh   # use a running server
#
# HELIUM_BENCH_KEYS sets the number of keys (default 100000); HELIUM_BENCH_REPS the repetitions.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${HELIUM_BENCH_PYTHON:-.venv/bin/python}
KEYS=${HELIUM_BENCH_KEYS:-100000}
server_pid=""
tmp=""

cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n "$tmp" ]]; then
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

if [[ -z "${HELIUM_BENCH_S3_URL:-}" ]]; then
  tmp=$(mktemp -d)
  echo "Starting a local S3 with s3://helium-big/many/ holding ${KEYS} keys..."
  "$PY" scripts/local_s3.py --host 127.0.0.1 --port 0 --url-file "$tmp/url" \
    --big-prefix "helium-big/many:${KEYS}" >"$tmp/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 1200); do
    [[ -s "$tmp/url" ]] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "The local S3 server exited:" >&2
      cat "$tmp/server.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  if [[ ! -s "$tmp/url" ]]; then
    echo "The local S3 server did not get ready in 10 minutes:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  HELIUM_BENCH_S3_URL=$(cat "$tmp/url")
  export HELIUM_BENCH_S3_URL
  echo "Local S3 ready at ${HELIUM_BENCH_S3_URL}"
fi

export HELIUM_BENCH_BUCKET=${HELIUM_BENCH_BUCKET:-helium-big}
export HELIUM_BENCH_PREFIX=${HELIUM_BENCH_PREFIX:-many/}
npx tsx bench/listing.ts
