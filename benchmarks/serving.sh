#!/usr/bin/env bash
# Whole answers served under load by the bundled cached pair (qwen-vl-cached.pt against
# qwen-vl-cached-int8.pt) on the demo conversations, up to 32 new tokens each: one answer at a time
# per thread against continuous batching, at 2 and 8 concurrent users, in a closed loop (each user
# sends its next conversation when its answer is back) and in an open loop at the same Poisson
# arrival rate for both modes. Each line: tokens/s, answers/s, time to first token and queueing of
# both models, mean batch size, and the candidate/baseline tokens/s ratio with its interval.
# Usage: benchmarks/serving.sh [USERS...]   (default 2 8); RATE=answers/s of the open loop (default 40;
# RATE=none: closed loop only); PACKAGE=FOLDER [VARIANT=quantized]: a three-part ONNX package at fp32
# against that variant instead of the cached TorchScript pair (BENCHMARKS.md section 9).
set -uo pipefail
cd "$(dirname "$0")/.."
users=${*:-2 8}
rate=${RATE:-40}
loads="closed $rate"; [ "$rate" = none ] && loads=closed
models=(); [ -n "${PACKAGE:-}" ] && models=(-Dpackage="$PACKAGE" -Dvariant="${VARIANT:-quantized}")
mvn -q -B install -DskipTests -Dinvoker.skip || exit 1
results=benchmarks/serving/target/benchmark-results
echo "| users | load | serving | baseline tokens/s | candidate tokens/s | answers/s (b, c) | first token p50 / p99 ms (b) | first token p50 / p99 ms (c) | queueing p50 ms (b, c) | batch mean (b, c) | tokens/s ratio c/b [interval] |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for u in $users; do
  for load in $loads; do
    for serving in one-at-a-time continuous-batching; do
      rateArg=""; [ "$load" != closed ] && rateArg="-DarrivalRate=$load"
      mvn -q -B -f benchmarks/serving/pom.xml qwen-bench:system -Dserving="$serving" -Dusers="$u" $rateArg "${models[@]}" \
          > /tmp/serving-run.log 2>&1 || { tail -20 /tmp/serving-run.log; exit 1; }
      python3 - "$results/system_benchmark_results.json" "$u" "$load" <<'PY' || exit 1
import json, math, sys
m = json.load(open(sys.argv[1]))['metrics']
b, c = m['models']
r = m['throughputRatio']
load = 'closed loop' if sys.argv[3] == 'closed' else 'open loop, %s answers/s' % sys.argv[3]
def batch(x):
    v = x['generation']['meanBatchSize']
    return '-' if v is None or math.isnan(float(v)) else '%.2f' % float(v)
def ttft(x):
    t = x['generation']['timeToFirstToken']
    return '%.1f / %.1f' % (t['p50Millis'], t['p99Millis'])
print('| %s | %s | %s | %.0f | %.0f | %.1f, %.1f | %s | %s | %.1f, %.1f | %s, %s | %.3f [%.3f, %.3f] |%s' % (
    sys.argv[2], load, b['generation']['serving'], b['throughput'], c['throughput'],
    b['generation']['requestsPerSecond'], c['generation']['requestsPerSecond'], ttft(b), ttft(c),
    b['generation']['queueWait']['p50Millis'], c['generation']['queueWait']['p50Millis'], batch(b), batch(c),
    float(r['estimate']), float(r['lower']), float(r['upper']),
    '' if b['errors'] + c['errors'] == 0 else ' %d errors' % (b['errors'] + c['errors'])))
PY
    done
  done
done
rm -f /tmp/serving-run.log
