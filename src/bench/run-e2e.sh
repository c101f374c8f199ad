#!/usr/bin/env bash
# End to end on real OpenLiberty (full runtime, for mpJwt-2.1): unprotected vs bearer-guard vs Liberty mpJwt-2.1,
# repeated and fresh tokens, RS256 and ES256, wrk on loopback, cases alternated. Prints the table for BENCHMARKS.md.
# About 9 minutes on 2 cores (plus a one-time 336 MiB runtime download). Loopback only; stops by itself.
# MVN: the Maven command (default mvn); RUN: a prefix for the benchmark's JVM, e.g. RUN="flock /some/lock".
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk
fi
${MVN:-mvn} -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
${MVN:-mvn} -B -q dependency:copy -Dartifact=io.openliberty:openliberty-runtime:26.0.0.3:zip -DoutputDirectory=target/e2e
if [ ! -d target/e2e/wlp ]; then
    unzip -q -o target/e2e/openliberty-runtime-26.0.0.3.zip -d target/e2e
fi
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
${RUN:-} java -cp "$cp" org.bearerguard.bench.e2e.EndToEnd target/e2e/wlp target/e2e/work target/classes target/bench-classpath.txt
