#!/usr/bin/env bash
# The performance gate on a noisy machine: while a busy loop keeps one core occupied, run
#   1. the baseline against itself with minSpeedup 0.9, RUNS times (every run should pass), and
#   2. the 2x-slower candidate (slow.pt) with minSpeedup 1.0, RUNS times (every run should fail),
# and print each run's speedup interval. Usage: benchmarks/noise.sh [RUNS]   (default 10)
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
mvn -q -B install -DskipTests -Dinvoker.skip || exit 1
( while :; do :; done ) &
busy=$!
trap 'kill $busy 2>/dev/null' EXIT
result=benchmarks/noise/target/benchmark-results/performance_benchmark_results.json
for case in "baseline.pt 0.9" "slow.pt 1.0"; do
  set -- $case
  passed=0
  for i in $(seq 1 "$runs"); do
    if mvn -q -B -f benchmarks/noise/pom.xml qwen-bench:performance -Dcandidate="$1" -DminSpeedup="$2" \
        > benchmarks/noise/target-run.log 2>&1; then
      passed=$((passed + 1)); verdict=PASS
    else
      verdict=FAIL
    fi
    interval=$(grep -o '"estimate" : [0-9.]*\|"lower" : [0-9.]*\|"upper" : [0-9.]*' "$result" | tr '\n' ' ')
    echo "candidate $1, minSpeedup $2, run $i: $verdict  $interval"
  done
  echo "candidate $1, minSpeedup $2: $passed of $runs runs passed"
done
rm -f benchmarks/noise/target-run.log
