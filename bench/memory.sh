#!/usr/bin/env bash
# Heap flatness: runs ./meek run on a preset at several N with a fixed heap cap and reports, per N, the
# wall time, peak RSS, the largest live heap after any GC (from -Xlog:gc) and the compute time.
# usage: bench/memory.sh [SPEC] [XMX] [N ...]     e.g. bench/memory.sh distributions/chinchilla.yaml 1g 1e6 1e7 1e8
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
spec="${1:-distributions/chinchilla.yaml}"; xmx="${2:-1g}"; shift 2 || true
sizes=("${@:-1e6 1e7}")
work="$(mktemp -d)"
"$here/meek" --version >/dev/null
echo "| N | heap cap | completed | wall (s) | peak RSS (MB) | max live heap after GC (MB) | compute (s) | draws/s | scalar quantiles |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in ${sizes[*]}; do
  count=$(python3 -c "print(int(float('$n')))")
  log="$work/gc-$count.log"
  rc=0
  /usr/bin/time -f "%e %M" -o "$work/time" env JAVA_OPTS="-Xmx$xmx -Xlog:gc:file=$log" \
    "$here/meek" run "$here/$spec" --samples "$count" --out "$work/out-$count" --quiet || rc=$?
  read -r wall rss < "$work/time"
  live=$(grep -oE '[0-9]+M->[0-9]+M' "$log" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1)
  compute=$(python3 -c "import json; print(round(json.load(open('$work/out-$count/manifest.json'))['compute_seconds'], 1))" 2>/dev/null || echo -)
  exact=$(python3 -c "import json; print('exact' if json.load(open('$work/out-$count/summary.json'))['method']['quantiles_exact'] else 'sketch (1e-4)')" 2>/dev/null || echo -)
  rate=$(python3 -c "print(f'{$count/$compute:,.0f}')" 2>/dev/null || echo -)
  echo "| $n | $xmx | $([ $rc = 0 ] && echo yes || echo "no (exit $rc)") | $wall | $((rss / 1024)) | ${live:-?} | $compute | $rate | $exact |"
done
rm -rf "$work"
