# Sourced by the launchers ./meek and ./meek-spark (bash, set -euo pipefail): whether the JVM asks Linux for
# transparent huge pages.
#
#   memory_pages [SETTING]
#
# sets the array `pages` to -XX:+UseTransparentHugePages when the kernel's setting (SETTING, by default
# /sys/kernel/mm/transparent_hugepage/enabled, e.g. "always [madvise] never") gives huge pages to a program that
# asks for them, and to nothing when it says [never] or does not exist (not Linux, where the option means nothing).
# Why: an exact run keeps 40 bytes a draw (400 MB at 1e7 draws) and its blocks' arrays; on 2 MB pages instead of
# 4 KB ones a cold 1e7-draw run takes 15-20% less time (BENCHMARKS.md, "Huge pages"). The launchers put JAVA_OPTS
# after it, so JAVA_OPTS=-XX:-UseTransparentHugePages turns it off.
memory_pages() {
  local setting
  setting="$(cat "${1:-/sys/kernel/mm/transparent_hugepage/enabled}" 2>/dev/null || true)"
  pages=()
  case "$setting" in
    *"[always]"* | *"[madvise]"*) pages=(-XX:+UseTransparentHugePages) ;;
  esac
}
