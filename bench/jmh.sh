#!/usr/bin/env bash
# JMH benchmarks of the per-sample kernel (src/test/java/**/*Benchmark.java). Extra arguments go to JMH,
# e.g. bench/jmh.sh FanAggregation -f 1 -wi 2 -i 3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main "${@:-Benchmark}"
