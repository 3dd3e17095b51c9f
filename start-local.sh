#!/usr/bin/env bash
# Starts every Realtime Store service that exists so far on embedded defaults: no Docker, no cloud keys.
# Data (embedded database, generated API key) lives under ./data; stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"

if ! JAVA_HOME="$(bin/find-java)"; then
  echo "Realtime Store needs JDK 21 or newer. Install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

echo "Building (first run downloads dependencies from Maven Central; later runs take seconds)…"
./mvnw -B -q -DskipTests package

mkdir -p data/logs
PIDS=()
stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'echo; echo "Stopping…"; stop_all; exit 0' INT TERM

# The Vector API module makes Lucene's vector search use SIMD; it is optional but much faster.
JVM_OPTS=(-Xmx512m --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)

# The gateway relays small frames at a high rate with almost nothing live: the parallel collector costs it less CPU
# and shorter pauses than G1 (benchmarks/gateway).
GATEWAY_JVM_OPTS=(-XX:+UseParallelGC)

start_service() {  # name, port, jar, extra JVM options (array name), env...
  local name=$1 port=$2 jar=$3; local -n extra=$4; shift 4
  env "$@" QUARKUS_HTTP_PORT="$port" "$JAVA" "${JVM_OPTS[@]}" "${extra[@]}" -jar "$jar" > >(tee "data/logs/$name.log") 2>&1 &
  PIDS+=($!)
}

wait_ready() {  # name, port[, health path]
  local name=$1 port=$2 path=${3:-/q/health/ready} started=$SECONDS
  until curl -fsS "http://localhost:$port$path" >/dev/null 2>&1; do
    if ! kill -0 "${PIDS[-1]}" 2>/dev/null; then echo "$name stopped; see data/logs/$name.log" >&2; stop_all; exit 1; fi
    if (( SECONDS - started > 300 )); then echo "$name not ready after 300 s; see data/logs/$name.log" >&2; stop_all; exit 1; fi
    sleep 1
  done
}

NO_EXTRA_OPTS=()
start_service products-service "${PRODUCTS_PORT:-8081}" products-service/target/quarkus-app/quarkus-run.jar NO_EXTRA_OPTS \
  PRODUCTS_DATA_DIR="${PRODUCTS_DATA_DIR:-$PWD/data/products}"
wait_ready products-service "${PRODUCTS_PORT:-8081}"

# The gateway's readiness follows its Realtime upstream (a remote one may be unreachable): wait for liveness, then
# report the upstream's state below. The default upstream, the offline voice engine, loads its models at start.
start_service audio-gateway "${GATEWAY_PORT:-8082}" audio-gateway/target/quarkus-app/quarkus-run.jar GATEWAY_JVM_OPTS \
  GATEWAY_DATA_DIR="${GATEWAY_DATA_DIR:-$PWD/data/gateway}" PRODUCTS_URL="http://localhost:${PRODUCTS_PORT:-8081}" \
  GATEWAY_ALLOWED_ORIGINS="${GATEWAY_ALLOWED_ORIGINS:-http://localhost:${STORE_PORT:-8080},http://127.0.0.1:${STORE_PORT:-8080}}"
wait_ready audio-gateway "${GATEWAY_PORT:-8082}" /q/health/live
for _ in $(seq 1 30); do  # the local engine reads the catalog's names from products-service right after start
  READY_JSON="$(curl -s "http://localhost:${GATEWAY_PORT:-8082}/q/health/ready" | tr -d '\n' || true)"
  grep -q 'has not been read' <<<"$READY_JSON" || break
  sleep 1
done
UPSTREAM_STATE="$(grep -o '"status": *"[A-Z]*"' <<<"$READY_JSON" | head -1 | grep -o '[A-Z]*"$' | tr -d '"' || true)"
DEGRADED="$(grep -o '"degraded": *"[^"]*"' <<<"$READY_JSON" | sed 's/"degraded": *"//; s/"$//' || true)"

# The storefront mints gateway tokens with the gateway's key: the one set in GATEWAY_API_KEY, else the one the gateway
# generated at its first start.
GATEWAY_KEY_FILE="${GATEWAY_DATA_DIR:-$PWD/data/gateway}/gateway-api-key"
STORE_GATEWAY_KEY="${GATEWAY_API_KEY:-}"
if [[ -z "$STORE_GATEWAY_KEY" && -r "$GATEWAY_KEY_FILE" ]]; then
  STORE_GATEWAY_KEY="$(tr -d '[:space:]' < "$GATEWAY_KEY_FILE")"
fi
start_service realtime-store "${STORE_PORT:-8080}" realtime-store/target/quarkus-app/quarkus-run.jar NO_EXTRA_OPTS \
  PRODUCTS_URL="http://localhost:${PRODUCTS_PORT:-8081}" GATEWAY_URL="http://localhost:${GATEWAY_PORT:-8082}" \
  GATEWAY_API_KEY="$STORE_GATEWAY_KEY"
wait_ready realtime-store "${STORE_PORT:-8080}"

cat <<INFO

  Realtime Store is running (embedded defaults, offline).

  Store            http://localhost:${STORE_PORT:-8080}/   ← start here: catalog, search, and the voice assistant panel

  Products API     http://localhost:${PRODUCTS_PORT:-8081}/api/products
  Search           http://localhost:${PRODUCTS_PORT:-8081}/api/products/search?q=waterproof+tent
  Swagger UI       http://localhost:${PRODUCTS_PORT:-8081}/q/swagger-ui
  Health           http://localhost:${PRODUCTS_PORT:-8081}/q/health/ready

  Realtime gateway ws://localhost:${GATEWAY_PORT:-8082}/v1/realtime   (upstream ${REALTIME_UPSTREAM:-local}: ${UPSTREAM_STATE:-unknown})
  Text chat        POST http://localhost:${GATEWAY_PORT:-8082}/v1/chat  (JSON {"message":…}, answers as server-sent events)
  Session tokens   POST http://localhost:${GATEWAY_PORT:-8082}/api/realtime/sessions  (header X-Api-Key: gateway key)
  Gateway health   http://localhost:${GATEWAY_PORT:-8082}/q/health/ready

  Writes need the header X-Api-Key: the key printed above at first start, kept in
  ${PRODUCTS_DATA_DIR:-$PWD/data/products}/products-api-key (or set PRODUCTS_API_KEY).
  The gateway key is in ${GATEWAY_DATA_DIR:-$PWD/data/gateway}/gateway-api-key (or set GATEWAY_API_KEY).
  Voice: the offline engine answers by default (speech in and out, no keys); point any Realtime client at the
  gateway. For Azure OpenAI or OpenAI set REALTIME_UPSTREAM=azure|openai (README "Realtime gateway").${DEGRADED:+
  Note: $DEGRADED}
  Logs: data/logs/. Stop with Ctrl-C.

INFO
wait
