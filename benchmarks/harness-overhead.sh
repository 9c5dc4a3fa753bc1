#!/usr/bin/env bash
# The plugin's per-inference overhead against a bare DJL predict loop (BENCHMARKS.md).
# Usage: benchmarks/harness-overhead.sh [model.pt in src/test/models] [rounds] [inferences per round]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath \
    -Dmdep.includeScope=test
java -Dqwenbench.testModels=src/test/models -Dslf4j.internal.verbosity=ERROR \
    -cp "target/classes:target/test-classes:$(cat target/benchmark.classpath)" \
    io.github.qwenbench.performance.HarnessOverheadBenchmark "$@"
