#!/usr/bin/env bash
# Backup and restore timings on the synthetic data set (issue 23). Not part
# of the test command: it prints numbers and asserts none.
#
#   tests/bench/backup.sh              # SQLite in a temporary data directory
#   tests/bench/backup.sh --postgres   # a fresh database on COOPBRIDGE_TEST_POSTGRES_URL's server
#
# Environment: PRODUCERS, PRODUCTS, EVENTS, INQUIRIES (data size, default the
# benchmark's 30,000 / 100,000 / 300 / 50,000), RUNS (repetitions, median
# reported, default 3), BIN (a coopbridge binary; default: a release build).
# Progress goes to stderr; stdout is one JSON object.
set -euo pipefail

PRODUCERS=${PRODUCERS:-30000}
PRODUCTS=${PRODUCTS:-100000}
EVENTS=${EVENTS:-300}
INQUIRIES=${INQUIRIES:-50000}
RUNS=${RUNS:-3}
DATABASE=sqlite
[[ ${1:-} == --postgres ]] && DATABASE=postgres

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
log() { echo "[backup-bench] $*" >&2; }
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

if [[ -z ${BIN:-} ]]; then
    log "building the release binary"
    cargo build --release --locked --quiet
    BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/coopbridge
fi
# The embedded search index: restore times do not depend on a Meilisearch.
unset MEILI_URL MEILI_MASTER_KEY
WORK=$(mktemp -d)
cleanup() {
    rm -rf "$WORK"
    [[ $DATABASE == postgres ]] || return 0
    for name in $(psql "$COOPBRIDGE_TEST_POSTGRES_URL" -Atc \
        "SELECT datname FROM pg_database WHERE datname LIKE 'coopbridge_bench_%_$$'"); do
        psql "$COOPBRIDGE_TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS \"$name\"" >/dev/null 2>&1 || true
    done
}
trap cleanup EXIT

# A data directory (and with --postgres, a database) of its own, as env words.
place() {
    local dir=$WORK/$1
    mkdir -p "$dir"
    if [[ $DATABASE == postgres ]]; then
        local name="coopbridge_bench_$1_$$"
        psql "$COOPBRIDGE_TEST_POSTGRES_URL" -qc "CREATE DATABASE \"$name\"" >/dev/null
        echo "COOPBRIDGE_DATA_DIR=$dir DATABASE_URL=${COOPBRIDGE_TEST_POSTGRES_URL%/*}/$name"
    else
        echo "COOPBRIDGE_DATA_DIR=$dir"
    fi
}

SOURCE=$(place source)
log "seeding $PRODUCERS producers, $PRODUCTS products ($DATABASE)"
env $SOURCE "$BIN" seed --synthetic --producers "$PRODUCERS" --products "$PRODUCTS" \
    --events "$EVENTS" --inquiries "$INQUIRIES" >/dev/null 2>&1
env $SOURCE "$BIN" seed --demo >/dev/null 2>&1 || true

backup_times=() tar_times=() restore_times=() reindex_times=()
for run in $(seq "$RUNS"); do
    start=$(now)
    env $SOURCE "$BIN" backup --to "$WORK/dir-$run" >/dev/null 2>&1
    backup_times+=("$(seconds_since "$start")")
    start=$(now)
    env $SOURCE "$BIN" backup --to "$WORK/backup-$run.tar" >/dev/null 2>&1
    tar_times+=("$(seconds_since "$start")")
    TARGET=$(place "target$run")
    start=$(now)
    env $TARGET "$BIN" restore --from "$WORK/backup-$run.tar" >"$WORK/restore-$run.log" 2>&1 ||
        { tail -5 "$WORK/restore-$run.log" >&2; exit 1; }
    restore_times+=("$(seconds_since "$start")")
    # Of which the search index rebuild ("reindexed N producers into M documents in S s").
    reindex_times+=("$(sed -n 's/^reindexed .* in \([0-9.]*\) s .*/\1/p' "$WORK/restore-$run.log")")
    log "run $run: backup ${backup_times[-1]} s, as .tar ${tar_times[-1]} s, restore ${restore_times[-1]} s (reindex ${reindex_times[-1]} s)"
done
rows=$(jq '[.tables[].rows] | add' "$WORK/dir-1/manifest.json")
jq -n --arg database "$DATABASE" --argjson rows "$rows" \
    --argjson tables "$(jq '.tables | length' "$WORK/dir-1/manifest.json")" \
    --argjson files "$(jq '.files.entries | length' "$WORK/dir-1/manifest.json")" \
    --argjson backup_bytes "$(du -sb "$WORK/dir-1" | cut -f1)" \
    --argjson tar_bytes "$(stat -c %s "$WORK/backup-1.tar")" \
    --argjson backup_s "$(printf '%s\n' "${backup_times[@]}" | median)" \
    --argjson tar_s "$(printf '%s\n' "${tar_times[@]}" | median)" \
    --argjson restore_s "$(printf '%s\n' "${restore_times[@]}" | median)" \
    --argjson reindex_s "$(printf '%s\n' "${reindex_times[@]}" | median)" \
    --argjson runs "$RUNS" \
    '{database: $database, runs: $runs, tables: $tables, rows: $rows, files: $files,
      backup_dir_bytes: $backup_bytes, backup_tar_bytes: $tar_bytes,
      median_seconds: {backup_to_dir: $backup_s, backup_to_tar: $tar_s, restore_with_reindex: $restore_s, of_which_reindex: $reindex_s}}'
