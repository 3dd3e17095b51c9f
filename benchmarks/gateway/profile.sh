#!/usr/bin/env bash
# Where the gateway's CPU goes under load: runs run.sh at N sessions with the gateway's frame pointers on, samples the
# gateway with Linux perf for a while in the middle of the gateway phase, and prints the split
# kernel / JIT code / JVM and the busiest symbols. Needs `perf` (Debian: linux-perf) and root or perf_event_paranoid <= 1.
# Usage: benchmarks/gateway/profile.sh [--sessions 500] [--seconds 10] [--gateway-jar PATH] [--gateway-jvm "FLAGS"]
# Writes benchmarks/gateway/work/profile/: perf.data, report.txt (and run.sh's usual report in results/). perf itself
# shows in that report as "other processes"; the figures of a profiled run are a little worse than a plain run's.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$here/../lib/java.sh"

sessions=500 seconds=10
jar="$repo/audio-gateway/target/quarkus-app/quarkus-run.jar"
jvm="-Xmx512m -XX:+UseParallelGC"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sessions) sessions=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --gateway-jar) jar=$2; shift 2 ;;
    --gateway-jvm) jvm=$2; shift 2 ;;
    *) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
command -v perf >/dev/null || { echo "profile.sh: perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
[[ -f "$jar" ]] || { echo "profile.sh: no gateway at $jar (./mvnw -B -DskipTests package -pl audio-gateway -am)" >&2; exit 2; }

out="$here/work/profile"
mkdir -p "$out"

# run.sh starts the gateway as it always does (same environment, free port, fresh key), with frame pointers added so
# perf can walk Java stacks, and stops it at the end.
"$here/run.sh" --sessions "$sessions" --duration $((seconds + 40)) --gateway-jar "$jar" \
    --gateway-jvm "$jvm -XX:+PreserveFramePointer" >"$out/run.log" 2>&1 &
bench=$!
trap 'kill -TERM "$bench" 2>/dev/null || true' EXIT
until grep -q "^gateway opening" "$out/run.log"; do
  kill -0 "$bench" 2>/dev/null || { cat "$out/run.log" >&2; exit 1; }
  sleep 1
done
gateway=$(sed -n 's/^started audio-gateway, pid \([0-9]*\).*/\1/p' "$out/run.log" | tail -1)
sleep 30 # sessions open (a few seconds), then the JIT settles: a fresh gateway compiles for ~20 s under load
echo "profile.sh: sampling the gateway (pid $gateway) for $seconds s at $sessions sessions"
perf record -q -g -F 499 -p "$gateway" -o "$out/perf.data" -- sleep "$seconds" 2>/dev/null
"$java_home/bin/jcmd" "$gateway" Compiler.perfmap >/dev/null # names for the JIT-compiled code, in /tmp/perf-<pid>.map
wait "$bench"
trap - EXIT

set +o pipefail # head closes the pipe early
{
  echo "# gateway CPU at $sessions sessions, $(date -u +%FT%TZ), $(git -C "$repo" rev-parse --short HEAD)"
  grep -E "^gateway .*streamed|gateway CPU [0-9]|^added by" "$out/run.log" || true
  echo
  echo "## by kind of code (kernel, JIT-compiled Java, JVM, libc)"
  perf report -i "$out/perf.data" --no-children --sort dso -g none -q 2>/dev/null | head -8
  echo
  echo "## busiest symbols"
  perf report -i "$out/perf.data" --no-children --sort sym -g none -q 2>/dev/null | head -40 | cut -c1-180
} >"$out/report.txt"
cat "$out/report.txt"
echo "profile.sh: $out/report.txt; explore with: perf report -i $out/perf.data"
