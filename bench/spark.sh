#!/usr/bin/env bash
# Spark's overhead (issue 14): the same run on the local engine (2 threads) and on meek-spark's embedded
# local[2] master, interleaved, wall time and peak RSS of each whole command; the results must be identical.
#   bench/spark.sh [SAMPLES] [ROUNDS] [TASKS_PER_CORE]     (default 1e9 draws, 1 round, 4 tasks per core)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
samples="${1:-1000000000}"
rounds="${2:-1}"
tpc="${3:-4}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$here"
./meek --version >/dev/null && ./meek-spark --version >/dev/null # build both jars first, outside the timings
spec=distributions/chinchilla.yaml
args=(run "$spec" --samples "$samples" --quantiles sketch --quiet)
for r in $(seq "$rounds"); do
  /usr/bin/time -f "round $r local  --threads 2: %e s wall, %U s user, %M KB peak RSS" ./meek "${args[@]}" --threads 2 --out "$out/local$r"
  /usr/bin/time -f "round $r spark local[2], $tpc tasks/core: %e s wall, %U s user, %M KB peak RSS" \
    ./meek-spark --master 'local[2]' --tasks-per-core "$tpc" "${args[@]}" --out "$out/spark$r"
  for f in summary.json quantiles.csv fan.csv; do
    cmp -s "$out/local$r/$f" "$out/spark$r/$f" || { echo "round $r: $f differs" >&2; exit 1; }
  done
  echo "round $r: summary.json, quantiles.csv and fan.csv identical"
done
