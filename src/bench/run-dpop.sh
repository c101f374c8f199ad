#!/usr/bin/env bash
# In-process benchmark (JMH) of a DPoP request against a Bearer request: RS256 access token, ES256, PS256 and RS256
# proofs, in one run (DpopBench). Prints the tables for BENCHMARKS.md. About 6 minutes on 2 cores.
# Extra JMH options pass through, e.g. src/bench/run-dpop.sh -f 1 -wi 3 -i 5
# MVN: the Maven command (default mvn); RUN: a prefix for the JMH JVM, e.g. RUN="flock /some/lock" so that no build
# runs beside the measurement.
set -euo pipefail
cd "$(dirname "$0")/../.."
${MVN:-mvn} -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
${RUN:-} java -cp "$cp" org.openjdk.jmh.Main 'org.bearerguard.bench.DpopBench' -prof gc \
    -rf json -rff target/jmh-dpop.json "$@"
echo
java -cp "$cp" org.bearerguard.bench.DpopReport target/jmh-dpop.json
