#!/usr/bin/env bash
# Search benchmark end to end over HTTP/GraphQL (issue 4 "Speed"; start of the
# issue 8 harness). Not part of the test command: it prints numbers, it does
# not assert them.
#
#   tests/bench/search.sh                          # 30,000 producers, 100,000 products
#   PRODUCERS=10000 PRODUCTS=30000 tests/bench/search.sh
#
# Environment: PRODUCERS, PRODUCTS (data size), SECONDS_CONCURRENT (default 10),
# CLIENTS (default 16), CARGO_TARGET_DIR (respected), KEEP_DATA=1 (keep the
# temp data dir). Needs cargo, bash and jq. Progress goes to stderr;
# stdout is ONE JSON object:
#   producers, products, seed_seconds, index_build_seconds, index_size_bytes,
#   search_http_ms {p50,p95,p99,max}, typename_http_ms {...}, search_rps_16,
#   server_rss_hwm_bytes, engine {in-process engine_bench JSON}, and details.
set -euo pipefail

PRODUCERS=${PRODUCERS:-30000}
PRODUCTS=${PRODUCTS:-100000}
SECONDS_CONCURRENT=${SECONDS_CONCURRENT:-10}
CLIENTS=${CLIENTS:-16}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cd "$ROOT"

log() { echo "[search-bench] $*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

log "building release binaries"
cargo build --release --locked -p coopbridge-api --bin coopbridge >&2
# The driver is a client: built in the dev profile (dependencies at opt-level 2,
# see Cargo.toml) it reuses the test build instead of a second release build of
# every dependency with the e2e crate's feature set.
cargo build --locked -p coopbridge-e2e --bin search_driver >&2
cargo build --release --locked -p coopbridge-search --example engine_bench >&2
BIN=$TARGET/release/coopbridge
DRIVER=$TARGET/debug/search_driver

DATA=$(mktemp -d -t coopbridge-bench.XXXXXX)
SERVER_PID=
cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ ${KEEP_DATA:-0} == 1 ]]; then log "data kept in $DATA"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT

# The embedded default: SQLite file and tantivy index in the data directory.
unset DATABASE_URL COOPBRIDGE_CONFIG COOPBRIDGE_SEARCH_ENGINE COOPBRIDGE_MEILI_URL
export COOPBRIDGE_DATA_DIR=$DATA
export RUST_LOG=${RUST_LOG:-warn}

log "seeding $PRODUCERS producers, $PRODUCTS products into $DATA"
start=$(now)
"$BIN" seed --synthetic --producers "$PRODUCERS" --products "$PRODUCTS" >&2
SEED_SECONDS=$(elapsed "$start")

log "reindex"
start=$(now)
"$BIN" reindex >&2
INDEX_SECONDS=$(elapsed "$start")
INDEX_BYTES=$(du -sb "$DATA/search" | cut -f1)

log "starting server"
SERVER_OUT=$DATA/server.out
COOPBRIDGE_ADDR=127.0.0.1:0 "$BIN" serve >"$SERVER_OUT" 2>"$DATA/server.err" &
SERVER_PID=$!
ADDR=
for _ in $(seq 1 600); do
    ADDR=$(sed -n 's|^listening on http://||p' "$SERVER_OUT" | head -n1)
    [[ -n $ADDR ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$DATA/server.err" >&2; exit 1; }
    sleep 0.1
done
[[ -n $ADDR ]] || { log "server did not print its address"; exit 1; }
log "server at $ADDR (pid $SERVER_PID); driving requests"

HTTP_JSON=$("$DRIVER" --url "http://$ADDR/graphql" --seconds "$SECONDS_CONCURRENT" --clients "$CLIENTS")
RSS_HWM=$(awk '/^VmHWM:/ { print $2 * 1024 }' "/proc/$SERVER_PID/status")
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=

log "in-process engine benchmark"
ENGINE_JSON=$(cargo run -q --release --locked -p coopbridge-search --example engine_bench -- \
    --producers "$PRODUCERS" --products "$PRODUCTS" 2>/dev/null)

jq -n \
    --argjson producers "$PRODUCERS" --argjson products "$PRODUCTS" \
    --argjson seed "$SEED_SECONDS" --argjson index "$INDEX_SECONDS" --argjson index_bytes "$INDEX_BYTES" \
    --argjson http "$HTTP_JSON" --argjson rss "$RSS_HWM" --argjson engine "$ENGINE_JSON" \
    --arg cpus "$(nproc)" \
    '{
        producers: $producers,
        products: $products,
        seed_seconds: $seed,
        index_build_seconds: $index,
        index_size_bytes: $index_bytes,
        search_http_ms: $http.search_http_ms,
        typename_http_ms: $http.typename_http_ms,
        search_rps_16: $http.search_rps,
        server_rss_hwm_bytes: $rss,
        engine: $engine,
        http_details: ($http | del(.search_http_ms, .typename_http_ms, .search_rps)),
        cpus: ($cpus | tonumber)
    }'
