#!/usr/bin/env bash
# Benchmark of the storefront's pages: latency of each page kind served by the packaged store against the packaged
# products-service (seed catalog), one request at a time and with concurrent shoppers, next to the products API call
# each page makes. Usage: benchmarks/store/run.sh [--requests 300] [--concurrency 8] [--seconds 15]
# Needs the packaged services: ./mvnw -B -DskipTests package. Writes benchmarks/store/results/latest.md and latest.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$here/../lib/java.sh"

rm -rf "$here/work/products-data"   # a fresh seed catalog every run
compile_benchmark "$here/StoreBenchmark.java" "$here/work/classes"
exec "$java" -Xmx256m -cp "$here/work/classes" StoreBenchmark --repo "$repo" "$@"
