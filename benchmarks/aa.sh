#!/usr/bin/env bash
# Verdicts on a noisy machine. While a busy loop keeps one core occupied, RUNS times each:
#   (a) the bundled baseline against itself, every suite but memory (hardware and generation included), defaults except minSpeedup 0.9:
#       every run should pass;
#   (b) the 2x-slower slow.pt against the baseline with the ratio gates at 1.0: every ratio gate
#       (minSpeedup, every scalability and hardware thread point, the system throughput ratio, the
#       generation tokens/s and time-to-first-token ratios) should FAIL, not be inconclusive;
#   (c) the demo's verify: every run should pass;
#   (d) leaky.pt (256 KiB kept per call) against tiny-mlp.pt: the system suite's memory growth fails;
#   (e) the system suite serving whole answers in a continuous batch (4 users), cache-steady.pt against
#       itself at the default minThroughputRatio 0.9: every run should pass;
#   (f) the same with cache-steady-slow.pt (same answers, more work per call) at 1.0: minThroughputRatio
#       should FAIL, not be inconclusive.
# Each run's verdicts and time are printed. Usage: benchmarks/aa.sh [RUNS] [CASES]  (default 10, abcdef)
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
cases=${2:-abcdef}
mvn -q -B install -DskipTests -Dinvoker.skip || exit 1
( while :; do :; done ) &
busy=$!
trap 'kill $busy 2>/dev/null' EXIT
verdicts() {  # gate verdicts of a results directory: "PASS 30, FAIL 2 (names)"
  python3 - "$1" <<'PY'
import json, sys, glob, collections
count = collections.Counter(); bad = []
for f in sorted(glob.glob(sys.argv[1] + '/*_benchmark_results.json')):
    if f.endswith('all_benchmark_results.json'):
        continue
    for g in json.load(open(f)).get('gates', []):
        count[g.get('verdict')] += 1
        if g.get('verdict') != 'PASS':
            bad.append(g['verdict'] + ':' + g['name'])
print(', '.join('%s %d' % kv for kv in sorted(count.items())), ' '.join(bad))
PY
}
run() {  # name, expected (pass|fail), pom, results directory, goal, properties...
  local name=$1 expected=$2 pom=$3 results=$4 goal=$5; shift 5
  local ok=0
  for i in $(seq 1 "$runs"); do
    start=$(date +%s)
    if mvn -q -B -f "$pom" $goal "$@" > /tmp/aa-run.log 2>&1; then outcome=pass; else outcome=fail; fi
    seconds=$(( $(date +%s) - start ))
    summary=$(verdicts "$results")
    [ "$outcome" = "$expected" ] && ok=$((ok + 1))
    echo "($name) run $i: build ${outcome}ed in ${seconds} s; $summary"
    if [ "$name" = b ] || [ "$name" = f ]; then
      python3 - "$results" <<'PY'
import json, glob, sys
ratio = [g for f in glob.glob(sys.argv[1] + '/*_benchmark_results.json') if not f.endswith('all_benchmark_results.json')
         for g in json.load(open(f))['gates'] if g['name'].startswith(('minSpeedup', 'minThroughputRatio', 'minTokensPerSecondRatio', 'maxTimeToFirstTokenRatio'))]
print('     ratio gates: %d, FAIL %d, others: %s' % (len(ratio), sum(g['verdict'] == 'FAIL' for g in ratio),
      [g['name'] + ' ' + g['verdict'] for g in ratio if g['verdict'] != 'FAIL']))
PY
    fi
  done
  echo "($name) $ok of $runs runs as expected ($expected)"
}
aa=benchmarks/aa
case $cases in *a*) run a pass $aa/pom.xml $aa/target/benchmark-results qwen-bench:all -Dcandidate=baseline.pt -DminSpeedup=0.9 ;; esac
case $cases in *b*) run b fail $aa/pom.xml $aa/target/benchmark-results qwen-bench:all -Dcandidate=slow.pt -DminSpeedup=1.0 -Dratio=1.0 -DfirstTokenRatio=1.0 ;; esac
case $cases in *c*) run c pass demo/pom.xml demo/target/benchmark-results verify ;; esac
case $cases in *d*) run d fail $aa/leak/pom.xml $aa/leak/target/benchmark-results qwen-bench:system ;; esac
case $cases in *e*) run e pass $aa/batching/pom.xml $aa/batching/target/benchmark-results qwen-bench:system ;; esac
case $cases in *f*) run f fail $aa/batching/pom.xml $aa/batching/target/benchmark-results qwen-bench:system \
    -Dcandidate=cache-steady-slow.pt -Dratio=1.0 ;; esac
