#!/usr/bin/env bash
# End-to-end benchmark of the offline voice engine behind audio-gateway: spoken fixtures streamed in real time;
# transcript WER, tool choice, answer, voice-to-voice latency (500 ms and 200 ms VAD silence), concurrent sessions.
# Usage: benchmarks/local-voice/run.sh [--quick] [--voices ...] [--sessions 1,2,4] ...   (--help for all options)
# Needs the packaged services (./mvnw -B -DskipTests package) and the Debian speech packages of fixtures/voice.
# Writes benchmarks/local-voice/results/latest.md and latest.json; fixtures, logs and data go to benchmarks/local-voice/work/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$here/../lib/java.sh"

# JDK only (java.net.http WebSocket): no classpath to resolve. A small heap: the client keeps events and figures.
compile_benchmark "$here/LocalVoiceBenchmark.java" "$here/work/classes"
exec "$java" -Xmx512m -cp "$here/work/classes" LocalVoiceBenchmark --repo "$repo" "$@"
