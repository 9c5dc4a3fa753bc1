#!/usr/bin/env bash
# The system suite's load generator with thousands of users in one JVM (BENCHMARKS.md, section 11): the code the
# suite runs against a served model, against a local server that paces its answers, at each number of users.
# Usage: benchmarks/load-generator.sh [USERS,...] [TOKENS] [GAP_MS] [WINDOW_S]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath \
    -Dmdep.includeScope=test
java -Xss512k -cp "target/classes:target/test-classes:$(cat target/benchmark.classpath)" \
    io.github.qwenbench.system.LoadGeneratorBenchmark "${1:-1,10,100,1000,2000}" "${2:-16}" "${3:-10}" "${4:-5}"
