# Sourced by the benchmarks' run.sh: picks the JDK (JAVA_HOME, else Temurin 25) and checks it is Java 21 or newer.
# Sets java_home, java and feature (the Java feature version); exits 2 with a message otherwise.
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$java_home/bin/java"
if [[ ! -x "$java" ]]; then
  echo "run.sh: no java at $java (set JAVA_HOME to a JDK 21 or newer)" >&2
  exit 2
fi
# The benchmarks are single-file source programs that need Java 21+; the services they start use the same JDK.
feature="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [[ -z "$feature" || "${feature%%.*}" -lt 21 ]]; then
  echo "run.sh: $java is Java ${feature:-unknown}; Java 21 or newer is needed (set JAVA_HOME)" >&2
  exit 2
fi

# compile_benchmark MAIN.java CLASSES_DIR [CLASSPATH]: compiles the benchmark with the shared lib/*.java into CLASSES_DIR
# (a source file launch cannot reach files in another directory).
compile_benchmark() {
  local main=$1 classes=$2 classpath=${3:-}
  local lib
  lib="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  rm -rf "$classes" && mkdir -p "$classes"
  if ! "$java_home/bin/javac" -nowarn -encoding UTF-8 -d "$classes" ${classpath:+-cp "$classpath"} "$main" "$lib"/*.java; then
    echo "run.sh: compiling $main failed" >&2
    exit 2
  fi
}
