#!/usr/bin/env bash
# The soak test (issue 17): the demo on OpenLiberty under wrk at saturation for 10 minutes with a mixed population
# (repeated, fresh, expired, forged, unknown-kid, malformed tokens) while the issuer rotates its key and is down for
# a minute. Prints the report for BENCHMARKS.md (also target/soak/soak-report.md). About 13 minutes on 2 cores
# (plus a one-time 336 MiB runtime download). Loopback only; stops by itself. Not part of mvn verify.
# -Dsoak.seconds=120 (and soak.outage-seconds, soak.warmup-seconds) for a shorter run.
# MVN: the Maven command (default mvn); RUN: a prefix for the soak's JVM, e.g. RUN="flock /some/lock" so that no
# build runs beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk
fi
${MVN:-mvn} -B -q -Pdemo -DskipTests package
${MVN:-mvn} -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
${MVN:-mvn} -B -q dependency:copy -Dartifact=io.openliberty:openliberty-runtime:26.0.0.3:zip -DoutputDirectory=target/e2e
if [ ! -d target/e2e/wlp ]; then
    unzip -q -o target/e2e/openliberty-runtime-26.0.0.3.zip -d target/e2e
fi
war=$(ls target/demo/bearer-guard-*.war)
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
${RUN:-} java "$@" -cp "$cp" org.bearerguard.bench.e2e.Soak target/e2e/wlp target/soak "$war" server-config/liberty/server.xml
