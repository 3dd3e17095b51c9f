#!/usr/bin/env bash
# Load benchmark of audio-gateway: N real-time audio sessions, direct to an echo upstream and through the gateway.
# Usage: benchmarks/gateway/run.sh [--sessions 50,100,250,500] [--quick] [--direct-only] ...   (--help for all options)
# Needs the packaged gateway (./mvnw -B -DskipTests package -pl audio-gateway -am) unless --direct-only/--gateway-url.
# Writes benchmarks/gateway/results/latest.md and latest.json; the gateway's log goes to benchmarks/gateway/work/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$here/../lib/java.sh"

# Classpath: Vert.x core and Netty at the versions of the Quarkus BOM, resolved by the small pom next to this file
# (offline first). Cached in work/ until pom.xml changes or a jar disappears.
mkdir -p "$here/work"
cp_file="$here/work/classpath.txt"
cp_ok=false
if [[ -s "$cp_file" && "$cp_file" -nt "$here/pom.xml" ]]; then
  cp_ok=true
  IFS=: read -r -a jars < "$cp_file" || true   # the file has no final newline
  for jar in "${jars[@]}"; do [[ -f "$jar" ]] || cp_ok=false; done
fi
if [[ "$cp_ok" != true ]]; then
  mvn_log="$here/work/classpath-maven.log"
  mvn=("$repo/mvnw" -q -f "$here/pom.xml" dependency:build-classpath "-Dmdep.outputFile=$cp_file")
  if ! JAVA_HOME="$java_home" "${mvn[@]}" -o >"$mvn_log" 2>&1; then
    echo "run.sh: resolving the classpath offline failed; trying online (log: $mvn_log)" >&2
    if ! JAVA_HOME="$java_home" "${mvn[@]}" >"$mvn_log" 2>&1; then
      cat "$mvn_log" >&2
      echo "run.sh: could not resolve Vert.x with $here/pom.xml" >&2
      exit 2
    fi
  fi
  touch "$cp_file" # the plugin leaves an unchanged file as it was; the cache is judged by its date
fi
classpath="$(cat "$cp_file")"

# The benchmark times frames on its own event loops, so its own GC pauses would land in every latency figure:
# generational ZGC keeps them well under a millisecond (G1 paused 5-30 ms here at 500 sessions, which moved the
# direct p99 from ~1 ms to ~3 ms). The heap holds little (histograms, sessions) but frames are allocated at
# ~150 MB/s at 500 sessions, so it gets room to collect concurrently.
flags=(-XX:+UseZGC -Xms512m -Xmx512m)
if [[ "${feature%%.*}" -lt 23 ]]; then flags+=(-XX:+ZGenerational); fi
# Netty still reaches for sun.misc.Unsafe; say so explicitly on JDKs that warn about it (24+).
if [[ "${feature%%.*}" -ge 24 ]]; then flags+=(--sun-misc-unsafe-memory-access=allow); fi

compile_benchmark "$here/GatewayBenchmark.java" "$here/work/classes" "$classpath"

# The C generator of --generator native: rebuilt when its source changes; needs cc and OpenSSL's headers (for SHA-1
# in the WebSocket handshake). Without them the Vert.x generator still works, and --generator native says what to install.
gwload="$here/work/gwload"
if [[ ! -x "$gwload" || "$here/native/gwload.c" -nt "$gwload" ]]; then
  rm -f "$gwload"
  if command -v cc >/dev/null; then
    cc -O2 -Wall -o "$gwload" "$here/native/gwload.c" -lcrypto -lm >"$here/work/gwload-build.log" 2>&1 || rm -f "$gwload"
  else
    echo "cc not found" >"$here/work/gwload-build.log"
  fi
fi
exec "$java" "${flags[@]}" -cp "$here/work/classes:$classpath" GatewayBenchmark --repo "$repo" "$@"
