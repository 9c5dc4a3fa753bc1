#!/usr/bin/env bash
# Generation speed of the bundled Qwen3-VL-shaped fixtures on the demo conversations:
#   1. full recompute (qwen-vl-base.pt) against key/value-cache decoding of the same weights
#      (qwen-vl-cached.pt), at 8, 32 and 128 new tokens: time per output token of each, and the
#      cached/recomputed tokens-per-second ratio with its interval, paired request by request;
#   2. thread scaling (the hardware goal) of qwen-vl-cached.pt against qwen-vl-cached-int8.pt at 1
#      and 2 intra-op threads.
# Usage: benchmarks/decoding.sh [TOKENS...]   (default 8 32 128)
set -uo pipefail
cd "$(dirname "$0")/.."
tokens=${*:-8 32 128}
mvn -q -B install -DskipTests -Dinvoker.skip || exit 1
results=benchmarks/decoding/target/benchmark-results
for n in $tokens; do
  mvn -q -B -f benchmarks/decoding/pom.xml qwen-bench:generation -DmaxNewTokens="$n" > /tmp/decoding-run.log 2>&1 \
    || { tail -20 /tmp/decoding-run.log; exit 1; }
  python3 - "$results/generation_benchmark_results.json" "$n" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))['metrics']
b, c = m['models']
r = m['tokensPerSecondRatio']
print('| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f [%.2f, %.2f] | %d |' % (sys.argv[2], m['decodingLabel'] if 'decodingLabel' in m else ' vs '.join(x['decoding'].split(':')[0] for x in m['models']),
      b['timePerOutputToken']['p50Millis'], c['timePerOutputToken']['p50Millis'], b['timeToFirstToken']['p50Millis'],
      c['timeToFirstToken']['p50Millis'], r['estimate'], r['lower'], r['upper'], r['pairs']))
PY
done
mvn -q -B -f benchmarks/decoding/pom.xml qwen-bench:hardware -Dbaseline=qwen-vl-cached.pt \
    -Dcandidate=qwen-vl-cached-int8.pt > /tmp/decoding-run.log 2>&1 || { tail -20 /tmp/decoding-run.log; exit 1; }
python3 - "$results/hardware_benchmark_results.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))['metrics']['threadScaling']
for i, t in enumerate(m['sizes']):
    b, c = m['models']
    r = m['throughputRatio'][i]
    print('| %d | %.1f | %.2f | %.2f | %.1f | %.2f | %.2f | %.2f [%.2f, %.2f] |%s' % (t, b['samplesPerSecond'][i],
          b['samplesPerSecond'][i] / b['samplesPerSecond'][0], b['scalingEfficiency'][i], c['samplesPerSecond'][i],
          c['samplesPerSecond'][i] / c['samplesPerSecond'][0], c['scalingEfficiency'][i], r['estimate'], r['lower'],
          r['upper'], ' contended' if m['contended'][i] else ''))
PY
rm -f /tmp/decoding-run.log
