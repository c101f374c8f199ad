#!/usr/bin/env bash
# In-process benchmarks (JMH): bearer-guard on each signature provider against each provider's floor and every
# peer, RS256, PS256, ES256 and EdDSA, in one run. Prints the table for BENCHMARKS.md and writes
# target/bench-chart.png. About 18 minutes on 2 cores with -f 1.
# MVN: the Maven command (default mvn); RUN: a prefix for the JMH JVM, e.g. RUN="flock /some/lock".
# Extra JMH options pass through, e.g. a quick look: src/bench/run-jmh.sh -wi 1 -i 2 -r 1 -w 1
set -euo pipefail
cd "$(dirname "$0")/../.."
${MVN:-mvn} -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
${RUN:-} java -cp "$cp" org.openjdk.jmh.Main 'org.bearerguard.bench.VerifyBench' -prof gc \
    -rf json -rff target/jmh-result.json "$@"
echo
java -cp "$cp" org.bearerguard.bench.HeapPerToken
echo
java -Djava.awt.headless=true -cp "$cp" org.bearerguard.bench.Report target/jmh-result.json target/bench-chart.png
