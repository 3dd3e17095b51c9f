#!/usr/bin/env bash
# Benchmark of products-service: start-up, import, search latency/throughput, memory, restart.
# Usage: benchmarks/products/run.sh [--app DIR] [--sizes 10000,100000] [--quick] ...   (--help for all options)
# Writes benchmarks/products/results/latest.md and latest.json; service logs and data go to benchmarks/products/work/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$java_home/bin/java"

if [[ ! -x "$java" ]]; then
  echo "run.sh: no java at $java (set JAVA_HOME to a JDK 21 or newer)" >&2
  exit 2
fi
# The benchmark is a single-file source program that needs Java 21+; the service is started with the same JDK.
feature="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [[ -z "$feature" || "${feature%%.*}" -lt 21 ]]; then
  echo "run.sh: $java is Java ${feature:-unknown}; Java 21 or newer is needed (set JAVA_HOME)" >&2
  exit 2
fi

# Small client heap: the client only keeps latency samples; the rest of the machine is for the service.
exec "$java" -Xmx256m "$here/ProductsBenchmark.java" --repo "$repo" "$@"
