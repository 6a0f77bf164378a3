# Sourced by the launchers ./meek and ./meek-spark (bash, set -euo pipefail): the JVM options both pass first.
#
#   java_options [SETTING]
#
# sets the array `java_opts` to -XX:+UseTransparentHugePages when the kernel's setting (SETTING, by default
# /sys/kernel/mm/transparent_hugepage/enabled, e.g. "always [madvise] never") gives huge pages to a program that
# asks for them (nothing when it says [never] or does not exist: not Linux, where the option means nothing), then
# JAVA_OPTS split into words (over lines too, never matched against file names), last, so that a user's option
# wins: JAVA_OPTS=-XX:-UseTransparentHugePages turns huge pages off.
# Why huge pages: an exact run keeps 40 bytes a draw (400 MB at 1e7 draws) and its blocks' arrays; on 2 MB pages
# instead of 4 KB ones a cold 1e7-draw run takes 15-19% less time (BENCHMARKS.md, "Huge pages").
java_options() {
  local setting words
  setting="$(cat "${1:-/sys/kernel/mm/transparent_hugepage/enabled}" 2>/dev/null || true)"
  java_opts=()
  case "$setting" in
    *"[always]"* | *"[madvise]"*) java_opts=(-XX:+UseTransparentHugePages) ;;
  esac
  read -r -d '' -a words <<<"${JAVA_OPTS:-}" || true
  java_opts+=(${words[@]+"${words[@]}"})
}
