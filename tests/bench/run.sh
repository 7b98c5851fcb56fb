#!/usr/bin/env bash
# Benchmark harness (issue 8): release build, synthetic data set, the real
# server, a fixed GraphQL workload over HTTP from wrk at several concurrency
# levels. Not part of the test command: it prints numbers and asserts none.
#
#   tests/bench/run.sh               # embedded default: SQLite + tantivy
#   tests/bench/run.sh --postgres    # a fresh database on COOPBRIDGE_TEST_POSTGRES_URL's server
#   tests/bench/run.sh --meili       # then the search operations again on Meilisearch
#
# Options: --postgres, --meili, --duration SECONDS (per operation and level, default 10),
# --concurrency "1 16 64", --small (3,000 producers… for a quick try).
# --meili starts a Meilisearch of its own (MEILI_BIN, default ../shared/tools/meilisearch
# beside the repository), reindexes into it and runs MEILI_OPS (default: the search
# operations) on it; the JSON's "engines" compares both (reindex time, search, engine RSS).
# Environment: PRODUCERS, PRODUCTS, EVENTS, INQUIRIES (data size), RANDOM_SEED,
# MEMBERS (signed-in cooperative members registering for fairs, default 200),
# STATEMENT_SAMPLES (single requests per operation for SQL counts, default 20),
# SERVER_ENV (extra VAR=value words for the server, e.g.
# COOPBRIDGE_RESPONSE_CACHE_SECONDS=0), OPS (operations to run), KEEP_DATA=1,
# CARGO_TARGET_DIR (respected), BIN (a coopbridge binary to use instead of building). Needs cargo, curl; installs wrk and jq with
# apt-get when missing. Progress goes to stderr; stdout is ONE JSON object
# (see README "Benchmarks").
set -euo pipefail

PRODUCERS=${PRODUCERS:-30000}
PRODUCTS=${PRODUCTS:-100000}
EVENTS=${EVENTS:-300}
INQUIRIES=${INQUIRIES:-50000}
RANDOM_SEED=${RANDOM_SEED:-2026}
MEMBERS=${MEMBERS:-200}
STATEMENT_SAMPLES=${STATEMENT_SAMPLES:-20}
DURATION=10
LEVELS="1 16 64"
DATABASE=sqlite
MEILI=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --postgres) DATABASE=postgres ;;
        --meili) MEILI=1 ;;
        --duration) DURATION=$2; shift ;;
        --concurrency) LEVELS=$2; shift ;;
        --small) PRODUCERS=3000 PRODUCTS=10000 EVENTS=60 INQUIRIES=5000 ;;
        -h | --help) sed -n '2,24p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/tests/bench
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cd "$ROOT"

log() { echo "[bench] $*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

for tool in wrk jq curl; do
    if ! command -v "$tool" >/dev/null; then
        log "installing $tool"
        SUDO=; [[ $(id -u) == 0 ]] || SUDO=sudo
        $SUDO apt-get install -y "$tool" >&2 || { $SUDO apt-get update >&2 && $SUDO apt-get install -y "$tool" >&2; }
    fi
done

if [[ -z ${BIN:-} ]]; then
    log "building the release binary"
    # The same targets as `cargo test --workspace`, so dependency builds are shared.
    cargo build --release --locked --workspace --bins >&2
    BIN=$TARGET/release/coopbridge
fi

DATA=$(mktemp -d -t coopbridge-bench.XXXXXX)
SERVER_PID=
MEILI_PID=
PG_DB=
cleanup() {
    if [[ -n $MEILI_PID ]]; then kill "$MEILI_PID" 2>/dev/null || true; wait "$MEILI_PID" 2>/dev/null || true; fi
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n $PG_DB ]]; then
        psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    if [[ ${KEEP_DATA:-0} == 1 ]]; then log "data kept in $DATA"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT

# The first pass is the embedded engine whatever the caller's environment says.
unset DATABASE_URL COOPBRIDGE_CONFIG MEILI_URL MEILI_MASTER_KEY COOPBRIDGE_MEILI_INDEX
export COOPBRIDGE_DATA_DIR=$DATA
export RUST_LOG=${RUST_LOG:-warn}
if [[ $DATABASE == postgres ]]; then
    PG_ADMIN_URL=${COOPBRIDGE_TEST_POSTGRES_URL:-postgres://coopbridge:coopbridge@127.0.0.1:5432/postgres}
    PG_DB=coopbridge_bench_$$_$RANDOM
    psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE \"$PG_DB\"" >&2
    export DATABASE_URL=${PG_ADMIN_URL%/*}/$PG_DB
    log "PostgreSQL database $PG_DB"
fi

log "seeding $PRODUCERS producers, $PRODUCTS products, $EVENTS events, $INQUIRIES inquiries"
start=$(now)
"$BIN" seed --synthetic --producers "$PRODUCERS" --products "$PRODUCTS" --events "$EVENTS" \
    --inquiries "$INQUIRIES" --random-seed "$RANDOM_SEED" >&2
SEED_SECONDS=$(elapsed "$start")
log "reindex"
start=$(now)
"$BIN" reindex >&2
REINDEX_SECONDS=$(elapsed "$start")

# Many members sign in from one address in a few seconds: lift the sign-in limit.
METRICS_TOKEN=bench-metrics-$$
start_server() { # sets SERVER_PID and URL; waits for the search index to catch up
    log "starting the server"
    COOPBRIDGE_ADDR=127.0.0.1:0 COOPBRIDGE_SIGN_IN_PER_IP_PER_MINUTE=100000 COOPBRIDGE_METRICS_TOKEN=$METRICS_TOKEN \
        env ${SERVER_ENV:-} "$BIN" serve >"$DATA/server.out" 2>"$DATA/server.err" &
    SERVER_PID=$!
    ADDR=
    for _ in $(seq 1 600); do
        ADDR=$(sed -n 's|^listening on http://||p' "$DATA/server.out" | head -n1)
        [[ -n $ADDR ]] && break
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$DATA/server.err" >&2; exit 1; }
        sleep 0.1
    done
    [[ -n $ADDR ]] || { log "the server did not print its address"; exit 1; }
    URL=http://$ADDR
    log "server at $URL (pid $SERVER_PID)"
    for _ in $(seq 1 300); do
        pending=$(gql '{ searchStatus { pendingChanges } }' | jq '.data.searchStatus.pendingChanges')
        [[ $pending == 0 ]] && break
        sleep 1
    done
}
stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

gql() { # gql QUERY [VARIABLES_JSON] [TOKEN]
    local auth=()
    [[ -n ${3:-} ]] && auth=(-H "Authorization: Bearer $3")
    jq -cn --arg q "$1" --argjson v "${2:-{\}}" '{query: $q, variables: $v}' |
        curl -sf "${auth[@]}" -H 'Content-Type: application/json' --data-binary @- "$URL/graphql"
}
statements() { curl -sf -H "Authorization: Bearer $METRICS_TOKEN" "$URL/metrics" | awk '$1 == "coopbridge_sql_statements_total" { print $2 }'; }
# Bytes under a directory; null when it does not exist (no local index with Meilisearch).
dir_bytes() { if [[ -d $1 ]]; then du -sb "$1" | cut -f1; else echo null; fi; }
# A process's resident memory in MB: peak (VmHWM) or now (VmRSS).
rss_mb() { awk -v k="$2:" '$1 == k { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

start_server
RSS_START_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
log "collecting cooperative slugs, open events and member tokens"
slugs=()
for page in $(seq 0 7); do
    q="{"
    for k in $(seq 0 24); do
        q+=" p$k: producer(id: \"$(((page * 25 + k) * 7919 % PRODUCERS + 1))\") { slug }"
    done
    mapfile -t -O "${#slugs[@]}" slugs < <(gql "$q }" | jq -r '.data[] | select(. != null) | .slug')
done
EVENTS_JSON='[]'
after=null
for _ in $(seq 1 20); do
    page=$(gql 'query($after: String) { events(filter: {upcoming: true}, first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { id registrationOpen zones { id provinceCode } } } }' \
        "{\"after\": $after}")
    EVENTS_JSON=$(jq -c --argjson acc "$EVENTS_JSON" \
        '$acc + [.data.events.nodes[] | select(.registrationOpen)
                 | {id, zone: ([.zones[] | select(.provinceCode == null) | .id] | first)}]' <<<"$page")
    [[ $(jq '.data.events.pageInfo.hasNextPage' <<<"$page") == true ]] || break
    after=$(jq '.data.events.pageInfo.endCursor' <<<"$page")
done
MEMBERS_JSON='[]'
for n in $(seq 1 "$MEMBERS"); do
    answer=$(gql 'mutation($i: SignInInput!) { signIn(input: $i) { token account { organizations { id } } } }' \
        "{\"i\": {\"email\": \"coop-$n@synthetic.example.vn\", \"password\": \"demo-coopbridge\"}}")
    MEMBERS_JSON=$(jq -c --argjson acc "$MEMBERS_JSON" \
        '$acc + [.data.signIn | select(.token != null) | {token, producer: .account.organizations[0].id}]' <<<"$answer")
done
log "${#slugs[@]} slugs, $(jq length <<<"$EVENTS_JSON") open events, $(jq length <<<"$MEMBERS_JSON") members"
# The data file the wrk script reads (a Lua table).
{
    echo "return {"
    printf '  slugs = {'; printf '"%s",' "${slugs[@]}"; echo '},'
    jq -r '"  events = {" + (map("{id=\"\(.id)\"" + (if .zone then ",zone=\"\(.zone)\"" else "" end) + "}") | join(",")) + "},"' <<<"$EVENTS_JSON"
    jq -r '"  members = {" + (map("{token=\"\(.token)\",producer=\"\(.producer)\"}") | join(",")) + "},"' <<<"$MEMBERS_JSON"
    echo "}"
} >"$DATA/bench_data.lua"

# Each read runs twice: as is (identical requests repeat, as popular pages and
# searches do, so most are answered from the response cache) and "_computed"
# (every request unique: each answer is computed, the cost of the long tail).
OPS=${OPS:-"typename search search_computed cooperative cooperative_computed products products_computed apply"}
APPLY_OFFSET=0
run_wrk() { # run_wrk OP CONNECTIONS SECONDS [MAX] -> JSON summary
    local op=$1 c=$2 seconds=$3 max=${4:-0} threads=2
    [[ $c -lt 2 ]] && threads=1
    BENCH_OP=$op BENCH_DATA=$DATA/bench_data.lua BENCH_OFFSET=$APPLY_OFFSET BENCH_MAX=$max \
        BENCH_THREADS=$threads BENCH_OUT=$DATA/wrk.json \
        wrk -t "$threads" -c "$c" -d "${seconds}s" --timeout 10s -s "$BENCH/graphql.lua" "$URL/graphql" >/dev/null
    cat "$DATA/wrk.json"
}
next_pairs() { # after an apply run, in this shell (run_wrk runs in $(…)): never reuse a pair
    APPLY_OFFSET=$((APPLY_OFFSET + $(jq .requests "$DATA/wrk.json") + 2))
}

log "SQL statements per operation ($STATEMENT_SAMPLES single requests each)"
STATEMENTS_JSON='{}'
for op in $OPS; do
    before=$(statements)
    # wrk stops each thread after the samples but returns after the duration.
    summary=$(run_wrk "$op" 1 5 "$STATEMENT_SAMPLES")
    [[ $op == apply ]] && next_pairs
    after_count=$(statements)
    requests=$(jq .requests <<<"$summary")
    STATEMENTS_JSON=$(jq -c --arg op "$op" --argjson d "$((after_count - before))" --argjson n "$requests" \
        --argjson s "$summary" '. + {($op): {per_request: (if $n > 0 then ($d / $n * 100 | round / 100) else null end),
                                   requests: $n, ok: $s.ok, domain_errors: $s.domain_errors}}' <<<"$STATEMENTS_JSON")
done

RESULTS_JSON='{}'
for c in $LEVELS; do
    for op in $OPS; do
        log "$op at concurrency $c for ${DURATION}s"
        summary=$(run_wrk "$op" "$c" "$DURATION")
        [[ $op == apply ]] && next_pairs
        RESULTS_JSON=$(jq -c --arg op "$op" --arg c "$c" --argjson s "$summary" \
            '.[$op] += {($c): $s}' <<<"$RESULTS_JSON")
    done
done
RSS_HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
CACHE_HITS=$(curl -sf -H "Authorization: Bearer $METRICS_TOKEN" "$URL/metrics" | awk '$1 == "coopbridge_response_cache_hits_total" { print $2 }')
# The setting the server ran with: SERVER_ENV wins over the environment.
CACHE_SECONDS=$( (grep -o 'COOPBRIDGE_RESPONSE_CACHE_SECONDS=[0-9]*' <<<"${SERVER_ENV:-}" || true) | tail -n1 | cut -d= -f2)
CACHE_SECONDS=${CACHE_SECONDS:-${COOPBRIDGE_RESPONSE_CACHE_SECONDS:-5}}
EXECUTED=$(curl -sf -H "Authorization: Bearer $METRICS_TOKEN" "$URL/metrics" | awk '$1 == "coopbridge_graphql_requests_total" { print $2 }')
RSS_NOW_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")

# Both engines side by side: the search operations (and reindex, memory) of each.
search_only='with_entries(select(.key | startswith("search")) | .value |= with_entries(.value |= {
    rps: .rps, p50_ms: .p50_ms, p99_ms: .p99_ms, requests: .requests, ok: .ok}))'
ENGINES_JSON=$(jq -c --argjson reindex "$REINDEX_SECONDS" --argjson bytes "$(dir_bytes "$DATA/search")" \
    --argjson rss "$((RSS_HWM_KB / 1024))" \
    '{tantivy: {reindex_seconds: $reindex, index_size_bytes: $bytes,
                engine_rss_peak_mb: $rss, engine_rss_note: "embedded: the server process",
                search: ('"$search_only"')}}' <<<"$RESULTS_JSON")
if [[ $MEILI == 1 ]]; then
    stop_server
    MEILI_BIN=${MEILI_BIN:-$ROOT/../shared/tools/meilisearch}
    [[ -x $MEILI_BIN ]] || { log "no Meilisearch server at $MEILI_BIN (set MEILI_BIN)"; exit 1; }
    MEILI_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    export MEILI_URL=http://127.0.0.1:$MEILI_PORT MEILI_MASTER_KEY=bench-master-key-$$ COOPBRIDGE_MEILI_INDEX=bench
    "$MEILI_BIN" --db-path "$DATA/meili" --http-addr "127.0.0.1:$MEILI_PORT" --master-key "$MEILI_MASTER_KEY" \
        --no-analytics >"$DATA/meili.log" 2>&1 </dev/null &
    MEILI_PID=$!
    for _ in $(seq 1 100); do curl -sf "$MEILI_URL/health" >/dev/null && break; sleep 0.2; done
    log "Meilisearch at $MEILI_URL (pid $MEILI_PID); reindex into it"
    start=$(now)
    "$BIN" reindex >&2
    MEILI_REINDEX_SECONDS=$(elapsed "$start")
    start_server
    MEILI_RESULTS='{}'
    for c in $LEVELS; do
        for op in ${MEILI_OPS:-search search_computed}; do
            log "$op on Meilisearch at concurrency $c for ${DURATION}s"
            summary=$(run_wrk "$op" "$c" "$DURATION")
            MEILI_RESULTS=$(jq -c --arg op "$op" --arg c "$c" --argjson s "$summary" '.[$op] += {($c): $s}' <<<"$MEILI_RESULTS")
        done
    done
    ENGINES_JSON=$(jq -c --argjson reindex "$MEILI_REINDEX_SECONDS" --argjson bytes "$(dir_bytes "$DATA/meili")" \
        --argjson rss "$(rss_mb "$MEILI_PID" VmHWM)" --argjson rss_now "$(rss_mb "$MEILI_PID" VmRSS)" \
        --argjson server "$(rss_mb "$SERVER_PID" VmHWM)" --argjson results "$MEILI_RESULTS" \
        '. + {meilisearch: {reindex_seconds: $reindex, index_size_bytes: $bytes,
              engine_rss_peak_mb: $rss, engine_rss_end_mb: $rss_now, server_rss_peak_mb: $server,
              search: ($results | '"$search_only"')}}' <<<"$ENGINES_JSON")
fi

jq -n \
    --arg database "$DATABASE" --arg search "tantivy" --argjson cpus "$(nproc)" --arg duration "$DURATION" \
    --argjson producers "$PRODUCERS" --argjson products "$PRODUCTS" --argjson events "$EVENTS" \
    --argjson inquiries "$INQUIRIES" --argjson seed "$RANDOM_SEED" \
    --argjson seed_s "$SEED_SECONDS" --argjson reindex_s "$REINDEX_SECONDS" \
    --argjson index_bytes "$(dir_bytes "$DATA/search")" \
    --argjson members "$(jq length <<<"$MEMBERS_JSON")" --argjson open_events "$(jq length <<<"$EVENTS_JSON")" \
    --argjson statements "$STATEMENTS_JSON" --argjson results "$RESULTS_JSON" \
    --argjson cache_hits "$CACHE_HITS" --argjson executed "$EXECUTED" \
    --arg cache_seconds "$CACHE_SECONDS" \
    --argjson hwm "$RSS_HWM_KB" --argjson rss "$RSS_NOW_KB" --argjson rss0 "$RSS_START_KB" \
    --argjson engines "$ENGINES_JSON" \
    '{
        database: $database, search_engine: $search, cpus: $cpus, seconds_per_run: ($duration | tonumber),
        dataset: {producers: $producers, products: $products, events: $events, inquiries: $inquiries,
                  random_seed: $seed, seed_seconds: $seed_s, reindex_seconds: $reindex_s,
                  index_size_bytes: $index_bytes, signed_in_members: $members, open_events: $open_events},
        server_rss_peak_mb: ($hwm / 1024 | round), server_rss_ready_mb: ($rss0 / 1024 | round),
        server_rss_end_mb: ($rss / 1024 | round),
        response_cache: {seconds: ($cache_seconds | tonumber), hits: $cache_hits, executed_requests: $executed},
        sql_statements_per_request: ($statements | map_values(.per_request)),
        operations: ($results | with_entries(.value |= with_entries(.value |= {
            rps: .rps, p50_ms: .p50_ms, p99_ms: .p99_ms, requests: .requests, ok: .ok,
            http_errors: (.http_errors | add), graphql_errors: .graphql_errors,
            domain_errors: .domain_errors, domain_error_codes: .domain_error_codes, statuses: .statuses}))),
        vs_typename: (if $results.typename == null then null else $results | . as $r | with_entries(select(.key != "typename") | .value |= with_entries(
            .key as $c | .value |= {
                rps_ratio: ((.rps / $r.typename[$c].rps) * 1000 | round / 1000),
                p50_ratio: ((.p50_ms / $r.typename[$c].p50_ms) * 100 | round / 100)})) end),
        engines: $engines,
        statement_samples: $statements
    }'
