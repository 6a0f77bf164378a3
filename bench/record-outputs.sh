#!/usr/bin/env bash
# A safety net for refactorings, not a test: runs every preset and command with one jar and records what
# it prints and writes (stdout, stderr, exit code, every file), with the fields that legitimately differ
# between runs (timings, start time, thread count, tool version) blanked. Record before a change, again
# after, and compare the two folders:
#
#   bench/record-outputs.sh target/meek.jar /tmp/before          # with the jar built before the change
#   bench/record-outputs.sh target/meek.jar /tmp/after           # after it
#   diff -r /tmp/before /tmp/after && echo "same bytes"
#
# It runs from the repository root, so the paths it records are the same in both recordings.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
out="$2"
rm -rf "$out"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$root"
n=20000

# Runs one meek command: its stdout, stderr and exit code go to $out/NAME.{out,err,rc}.
meek() {
  local name="$1"
  shift
  local rc=0
  java -Djava.awt.headless=true -jar "$jar" "$@" >"$out/$name.out" 2>"$out/$name.err" || rc=$?
  echo "$rc" >"$out/$name.rc"
}

for spec in distributions/*.yaml; do
  s="$(basename "$spec" .yaml)"
  meek "run-$s" run "$spec" --samples $n --out "$out/run-$s"
  meek "point-$s" point "$spec"
  meek "point-json-$s" point "$spec" --json
  meek "validate-$s" validate "$spec"
  meek "validate-json-$s" validate "$spec" --json
done
meek run-default run distributions/chinchilla.yaml --out "$out/run-default"
meek run-lhs run distributions/chinchilla.yaml --samples $n --design lhs --out "$out/run-lhs"
meek run-sobol run distributions/correlated.yaml --samples $n --design sobol --out "$out/run-sobol"
meek run-sketch run distributions/chinchilla-views.yaml --samples $n --quantiles sketch --out "$out/run-sketch"
meek run-nofan run distributions/chinchilla.yaml --samples $n --no-fan --out "$out/run-nofan"
meek run-metric run distributions/chinchilla-views.yaml --samples $n --metric loss,tokens --out "$out/run-metric"
meek run-observed run distributions/chinchilla-views.yaml --samples $n --observed distributions/data/observed-mmlu-pro.csv --out "$out/run-observed"
meek run-keep run distributions/paper-stagnation.yaml --samples 9000 --threads 2 --keep-samples "$out/samples.csv.gz" --out "$out/run-keep"
meek run-precision run distributions/chinchilla.yaml --precision 0.05 --samples 8192 --max-samples 200000 --out "$out/run-precision"
meek run-threads1 run distributions/inference.yaml --samples $n --threads 1 --out "$out/run-threads1"
meek compare compare distributions/kaplan.yaml distributions/chinchilla.yaml --samples $n --out "$out/compare"
meek compare-lhs compare distributions/chinchilla.yaml distributions/correlated.yaml --samples $n --design lhs --out "$out/compare-lhs"
meek sensitivity sensitivity distributions/chinchilla.yaml --samples $n --sobol-rows 2048 --bootstrap 200 --out "$out/sensitivity"
meek sensitivity-views sensitivity distributions/chinchilla-views.yaml --samples $n --method spearman --years 2025,2030 --out "$out/sensitivity-views"
for b in distributions/batches/*.yaml; do
  s="$(basename "$b" .yaml)"
  meek "batch-$s" batch "$b" --samples 8192 --out "$out/batch-$s"
  meek "batch-resume-$s" batch "$b" --samples 8192 --out "$out/batch-$s"
done
meek fit fit-benchmark distributions/data/mmlu.csv --out "$out/fit"
meek fit-free fit-benchmark distributions/data/mmlu.csv --fit-ceiling --out "$out/fit-free"
for f in text md latex; do
  meek "cite-run-$f" cite "$out/run-chinchilla-views" --format $f
  meek "cite-compare-$f" cite "$out/compare" --format $f
  meek "cite-batch-$f" cite "$out/batch-investment" --format $f
done
meek help help
for c in run compare sensitivity batch cite point validate fit-benchmark; do
  meek "help-$c" "$c" --help
done
# a few bad inputs: their one-line messages and exit codes are part of the contract
meek bad-samples run distributions/chinchilla.yaml --samples 0
meek bad-design run distributions/chinchilla.yaml --design grid
meek bad-spec run no-such-spec.yaml
meek bad-exists run distributions/chinchilla.yaml --samples 100 --out "$out/run-chinchilla"
meek bad-metric run distributions/chinchilla.yaml --metric benchmark

# what differs between two identical runs: timings, start time, threads, versions, the recording folder
find "$out" -name manifest.json -exec sed -i -E \
  -e 's/"(started|compute_seconds|wall_seconds|threads|java_version|java_vm|os|tool_version|tool_commit)" : [^,]*(,?)$/"\1" : "-"\2/' {} +
find "$out" -maxdepth 1 -name '*.out' -exec sed -i -E -e 's/\(([0-9]+\.[0-9]+) s\)/(- s)/g' -e 's/, [0-9]+\.[0-9] s$/, - s/' \
  -e 's/, [0-9]+\.[0-9] s; at most about [0-9.]+ (s|min|h) left$/, - s; - left/' \
  -e 's/: about [0-9.]+ (s|min|h) and /: about - and /' {} +
find "$out" -type f \( -name '*.out' -o -name '*.err' -o -name '*.json' -o -name '*.md' -o -name '*.csv' \) -exec sed -i "s#$out#OUT#g" {} +
# SVG clip-path ids are named after the file written; the name of a temporary file is random
find "$out" -name '*.svg' -exec sed -i -E "s/id='meek-[A-Za-z0-9_-]*-clip-/id='meek-clip-/g; s/url\(#meek-[A-Za-z0-9_-]*-clip-/url(#meek-clip-/g" {} +
echo "recorded in $out: $(find "$out" -type f | wc -l) files"
