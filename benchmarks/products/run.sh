#!/usr/bin/env bash
# Benchmark of products-service: start-up, import, search latency/throughput, memory, restart.
# Usage: benchmarks/products/run.sh [--app DIR] [--sizes 10000,100000] [--quick] ...   (--help for all options)
# Writes benchmarks/products/results/latest.md and latest.json; service logs and data go to benchmarks/products/work/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$here/../lib/java.sh"

# Small client heap: the client only keeps latency samples; the rest of the machine is for the service.
compile_benchmark "$here/ProductsBenchmark.java" "$here/work/classes"
exec "$java" -Xmx256m -cp "$here/work/classes" ProductsBenchmark --repo "$repo" "$@"
