#!/usr/bin/env bash
# Verdicts on a noisy machine. While a busy loop keeps one core occupied, RUNS times each:
#   (a) the bundled baseline.pt (about 1 ms per call) against itself, every suite but memory (hardware
#       and generation included), defaults except minSpeedup 0.9;
#   (b) the 2x-slower slow.pt against the baseline with the ratio gates at 1.0 (minSpeedup, every
#       scalability and hardware thread point, the system throughput ratio, the generation tokens/s and
#       time-to-first-token ratios);
#   (c) the demo's verify: every run should pass;
#   (d) leaky.pt (256 KiB kept per call) against tiny-mlp.pt: the system suite's memory growth fails;
#   (e) the system suite serving whole answers in a continuous batch (4 users), cache-steady.pt against
#       itself at the default minThroughputRatio 0.9, judged as (a): its 4 users need both cores, so with
#       one busy its gates are INCONCLUSIVE because the machine was busy, and none may FAIL;
#   (f) the same with cache-steady-slow.pt (same answers, more work per call) at 1.0, judged as (b): no
#       gate may PASS (busy, they are INCONCLUSIVE; on an idle machine minThroughputRatio FAILs);
#   (g) mid.pt (about 10 ms per call at batch 1) against itself, as (a);
#   (h) mid-slow.pt (mid.pt's forward done twice) against mid.pt, as (b);
#   (i) big.pt (about 50 ms per call) against itself, as (a);
#   (j) big-slow.pt against big.pt, as (b).
# mid.pt, big.pt and their slow twins are written into benchmarks/aa/models (not committed) by
# benchmarks/aa/make_models.py, run here with Debian's torch (/usr/bin/python3) when any is missing.
# The A/A and A/B cases (a, b, g, h, i, j) are judged by benchmarks/aa/verdicts.py, not by the build's
# exit code: against itself, every gate must PASS or be INCONCLUSIVE because the machine was busy
# (undecided BUSY), none FAIL nor be INCONCLUSIVE for another reason; for the 2x slower candidate
# every ratio gate must FAIL or be INCONCLUSIVE/BUSY (the other gates are not judged); every suite
# must have left its results. (c) and (d) are judged by the build's outcome.
# Each run prints its build outcome, seconds, counts by verdict and undecided reason, and the
# offending gates; the end prints one line per case, e.g.
#   (g) mid.pt A/A: 9 of 10 runs as expected; median 143 s per run (min 120, max 180)
# Cases run round by round (a run of each, then the next round), so that a stopped script leaves each
# case with as many runs as the others; an unexpected run keeps its results in /tmp/aa-unexpected-CASE-RUN.
# A file /tmp/aa-pause holds the next run until it is removed (to do other work on the machine between runs).
# Usage: benchmarks/aa.sh [RUNS] [CASES]  (default 10, abcdef; the new cases: benchmarks/aa.sh 10 ghij)
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
cases=${2:-abcdef}
aa=benchmarks/aa
models=$PWD/$aa/models
suites=accuracy,performance,scalability,system,hardware,generation
case $cases in *[ghij]*)
  for m in mid mid-slow big big-slow; do
    if [ ! -f "$models/$m.pt" ]; then
      /usr/bin/python3 $aa/make_models.py || exit 1
      break
    fi
  done ;;
esac
mvn -q -B install -DskipTests -Dinvoker.skip || exit 1
( while :; do :; done ) &
busy=$!
log=$(mktemp /tmp/aa-runs.XXXXXX)
finish() {  # also when the script is stopped early: the runs so far
  kill $busy 2>/dev/null
  echo
  python3 $aa/verdicts.py summary "$log"
  rm -f "$log"
}
trap finish EXIT
run() {  # name, label, expected (pass|fail: the build; same|slower: the reader), pom, results directory, goal, properties...
  local name=$1 label=$2 expected=$3 pom=$4 results=$5 goal=$6; shift 6
  local start seconds outcome summary ok
  case $cases in *$name*) ;; *) return ;; esac
  while [ -e /tmp/aa-pause ]; do sleep 5; done  # other work on the machine waits for a run to end, then runs
  {
    rm -rf "$results"  # no run reads the one before's results
    start=$(date +%s)
    if mvn -q -B -f "$pom" $goal "$@" > /tmp/aa-run.log 2>&1; then outcome=pass; else outcome=fail; fi
    seconds=$(( $(date +%s) - start ))
    case $expected in
      same|slower)
        local ran=$suites; [ "$goal" = qwen-bench:all ] || ran=${goal#qwen-bench:}  # the suites whose results must be there
        summary=$(python3 $aa/verdicts.py judge "$results" --expect "$expected" --suites "$ran") && ok=1 || ok=0 ;;
      *)
        summary=$(python3 $aa/verdicts.py count "$results")
        [ "$outcome" = "$expected" ] && ok=1 || ok=0 ;;
    esac
    echo "($name) run $i: build ${outcome}ed in ${seconds} s; $summary"
    if [ $ok = 0 ]; then  # kept for a look: the results and the build's log
      rm -rf "/tmp/aa-unexpected-$name-$i"; cp -r "$results" "/tmp/aa-unexpected-$name-$i" 2>/dev/null
      cp /tmp/aa-run.log "/tmp/aa-unexpected-$name-$i/build.log" 2>/dev/null
    fi
    printf '%s\t%s\t%s\t%s\n' "$name" "$label" "$ok" "$seconds" >> "$log"
  }
}
pom=$aa/pom.xml
res=$aa/target/benchmark-results
ab=(-DminSpeedup=1.0 -Dratio=1.0 -DfirstTokenRatio=1.0)
# round by round, so that every case has as many runs as the others when the script is stopped
for i in $(seq 1 "$runs"); do
  run a "baseline.pt A/A" same $pom $res qwen-bench:all -Dcandidate=baseline.pt -DminSpeedup=0.9
  run b "slow.pt vs baseline.pt A/B" slower $pom $res qwen-bench:all -Dcandidate=slow.pt "${ab[@]}"
  run c "demo verify" pass demo/pom.xml demo/target/benchmark-results verify
  run d "leaky.pt vs tiny-mlp.pt memory growth" fail $aa/leak/pom.xml $aa/leak/target/benchmark-results qwen-bench:system
  run e "cache-steady.pt A/A continuous batching" same $aa/batching/pom.xml $aa/batching/target/benchmark-results qwen-bench:system
  run f "cache-steady-slow.pt vs cache-steady.pt A/B continuous batching" slower \
    $aa/batching/pom.xml $aa/batching/target/benchmark-results qwen-bench:system -Dcandidate=cache-steady-slow.pt -Dratio=1.0
  run g "mid.pt A/A" same $pom $res qwen-bench:all -DmodelDir="$models" -Dbaseline=mid.pt -Dcandidate=mid.pt -DminSpeedup=0.9
  run h "mid-slow.pt vs mid.pt A/B" slower $pom $res qwen-bench:all -DmodelDir="$models" -Dbaseline=mid.pt -Dcandidate=mid-slow.pt "${ab[@]}"
  run i "big.pt A/A" same $pom $res qwen-bench:all -DmodelDir="$models" -Dbaseline=big.pt -Dcandidate=big.pt -DminSpeedup=0.9
  run j "big-slow.pt vs big.pt A/B" slower $pom $res qwen-bench:all -DmodelDir="$models" -Dbaseline=big.pt -Dcandidate=big-slow.pt "${ab[@]}"
done
