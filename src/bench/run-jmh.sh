#!/usr/bin/env bash
# In-process benchmarks (JMH): bearer-guard against the floor and every peer, RS256 and ES256, in one run.
# Prints the table for BENCHMARKS.md and writes target/bench-chart.png. About 6 minutes on 2 cores.
# Extra JMH options pass through, e.g. a quick look: src/bench/run-jmh.sh -wi 1 -i 2 -r 1 -w 1
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
java -cp "$cp" org.openjdk.jmh.Main 'org.bearerguard.bench.VerifyBench' -prof gc \
    -rf json -rff target/jmh-result.json "$@"
echo
java -cp "$cp" org.bearerguard.bench.HeapPerToken
echo
java -Djava.awt.headless=true -cp "$cp" org.bearerguard.bench.Report target/jmh-result.json target/bench-chart.png
