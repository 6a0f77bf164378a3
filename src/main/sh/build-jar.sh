# Sourced by the launchers ./meek and ./meek-spark (bash, set -euo pipefail): their jar, built when it is missing or
# older than its sources.
#
#   build_jar_when_stale LAUNCHER JAR NOTE [OTHER_OUTPUT] -- SOURCE... -- MAVEN_ARGUMENT...
#
# runs `mvn -q -B MAVEN_ARGUMENT...` in the launcher's folder ($here) when JAR or OTHER_OUTPUT is missing or any
# SOURCE (file or folder) holds a file newer than JAR; it says so on standard error (NOTE after the command), and
# on a failed build (or one that left no JAR) prints Maven's output and exits 1. Maven leaves a jar whose classes did
# not change as it was, so after a build the jar is dated to the build's start: a source that the jar does not hold (these rules, say)
# would otherwise stay newer and cost a build at every start, while a source edited during the build stays newer.
build_jar_when_stale() {
  local launcher="$1" jar="$2" note="$3" other=""
  shift 3
  if [ "$1" != -- ]; then
    other="$1"
    shift
  fi
  shift
  local sources=()
  while [ "$1" != -- ]; do
    sources+=("$1")
    shift
  done
  shift
  if [ -f "$jar" ] && { [ -z "$other" ] || [ -f "$other" ]; } \
    && [ -z "$(find "${sources[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "$launcher: building ${jar#"$here/"} (mvn -q $*$note)…" >&2
  local log started
  log="$(mktemp)"
  started="$(mktemp)" # dated the build's start (touch -r is POSIX; date +%N and touch -d @s.ns are GNU's)
  if ! (cd "$here" && mvn -q -B "$@") >"$log" 2>&1 || [ ! -f "$jar" ]; then
    cat "$log" >&2
    rm -f "$log" "$started"
    echo "$launcher: the build failed (output above)" >&2
    exit 1
  fi
  # -c: never an empty jar; a failed touch costs only a build at the next start
  touch -c -r "$started" "$jar" 2>/dev/null || true
  rm -f "$log" "$started"
}
