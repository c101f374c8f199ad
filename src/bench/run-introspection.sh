#!/usr/bin/env bash
# In-process benchmark (JMH) of a repeated opaque token (introspection answer kept) next to a repeated JWT
# (IntrospectionBench). About 1 minute on 2 cores. Extra JMH options pass through.
# MVN: the Maven command (default mvn); RUN: a prefix for the JMH JVM, e.g. RUN="flock /some/lock".
set -euo pipefail
cd "$(dirname "$0")/../.."
${MVN:-mvn} -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
${RUN:-} java -cp "$cp" org.openjdk.jmh.Main 'org.bearerguard.bench.IntrospectionBench' -prof gc \
    -rf json -rff target/jmh-introspection.json "$@"
