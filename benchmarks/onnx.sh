#!/usr/bin/env bash
# ONNX packages where optimization shows (BENCHMARKS.md section 10). On the mid-size Qwen3-VL package that
# benchmarks/onnx/make_package.py builds (decoding reads about 1 GB of fp32 weights per token), for each of
# the variants quantized (int8 weights) and q4 (4-bit MatMulNBits) against fp32, one core each:
#   1. generation (the reference conversations, NEW_TOKENS tokens, 20 timed request pairs): time to first
#      token, decode tokens/s, their ratios with intervals, the seed's 20% judged on tokens/s;
#   2. accuracy: the prefill logits' worst relative error and cosine, against the seed's 1%;
#   3. memory: resident memory of fresh workers (peak minus idle), against the seed's 15%, and the tensor bytes;
#   4. hardware (once, with q4): the machine's memory bandwidth, from which each variant's bound on decode
#      time per token is its decoder's weight bytes over that bandwidth;
#   5. Python onnxruntime running the same loop on the same conversations with the plugin's session settings
#      (benchmarks/onnx/python_loop.py), fp32, quantized and q4 interleaved: the plugin's overhead.
# Usage: benchmarks/onnx.sh PYTHON [NEW_TOKENS]
#   PYTHON: a Python with torch 2.13 (CPU), transformers 5.18, onnx, onnxruntime and onnxscript
#   (ENVIRONMENT.md: the venv of "Hugging Face's own code, offline", plus onnx, onnxruntime, onnxscript).
set -uo pipefail
cd "$(dirname "$0")/.."
py=${1:?give the Python of the venv with torch, transformers, onnx and onnxruntime}
tokens=${2:-32}
pkg=$PWD/target/onnx-benchmark/qwen3vl-mid
out=$PWD/target/onnx-benchmark
if [ ! -f "$pkg/onnx/decoder_model_merged_q4.onnx" ]; then
  "$py" benchmarks/onnx/make_package.py "$pkg" || exit 1
fi
mvn -q -B install -DskipTests -Dinvoker.skip || exit 1
results=benchmarks/onnx/target/benchmark-results
for v in quantized q4; do
  mvn -q -B -f benchmarks/onnx/pom.xml qwen-bench:generation qwen-bench:accuracy qwen-bench:memory \
      -Dpackage="$pkg" -Dvariant="$v" -DmaxNewTokens="$tokens" > "$out/run-$v.log" 2>&1 \
    || { tail -30 "$out/run-$v.log"; exit 1; }
  rm -rf "$out/results-$v" && cp -r "$results" "$out/results-$v"
done
mvn -q -B -f benchmarks/onnx/pom.xml qwen-bench:hardware -Dpackage="$pkg" -Dvariant=q4 > "$out/run-hardware.log" 2>&1 \
  || { tail -30 "$out/run-hardware.log"; exit 1; }
"$py" benchmarks/onnx/python_loop.py "$pkg" "$tokens" 4 fp32 quantized q4 > "$out/python-loop.json" \
  || exit 1
"$py" - "$pkg" "$out" "$results/hardware_benchmark_results.json" <<'PY'
import json, os, sys
import onnx
pkg, out, hardware = sys.argv[1:4]

def weight_bytes(path):
    m = onnx.load(path, load_external_data=False)
    total = 0
    for t in m.graph.initializer:
        n = 1
        for d in t.dims:
            n *= d
        size = {1: 4, 2: 1, 3: 1, 6: 4, 7: 8, 10: 2, 16: 2}.get(t.data_type, 0)
        total += (n + 1) // 2 if t.data_type in (21, 22) else n * size
    return total

bw = max(b['bestBytesPerSecond'] for b in json.load(open(hardware))['metrics']['bandwidth'])
python = json.load(open(os.path.join(out, 'python-loop.json')))
print('memory bandwidth (hardware suite, best): %.1f GB/s' % (bw / 1e9))
print('| variant | decoder weights | bound ms/token | plugin ms/token | plugin tokens/s | Python ORT tokens/s | plugin first token ms | Python first token ms |')
rows = {}
for v in ('quantized', 'q4'):
    g = json.load(open(os.path.join(out, 'results-' + v, 'generation_benchmark_results.json')))['metrics']
    rows['fp32'] = g['models'][0]
    rows[v] = g['models'][1]
for v, m in rows.items():
    suffix = '' if v == 'fp32' else '_' + v
    wb = weight_bytes(os.path.join(pkg, 'onnx', 'decoder_model_merged' + suffix + '.onnx'))
    print('| %s | %.0f MB | %.1f | %.1f | %.2f | %.2f | %.0f | %.0f |' % (v, wb / 1e6, 1000 * wb / bw,
          m['timePerOutputToken']['p50Millis'], m['tokensPerSecond'], python[v]['decodeTokensPerSecond'],
          m['timeToFirstToken']['p50Millis'], python[v]['timeToFirstTokenMillis']))
print('| candidate | tokens/s ratio | first-token ratio | max relative error | cosine | memory reduction | tensor bytes |')
for v in ('quantized', 'q4'):
    d = os.path.join(out, 'results-' + v)
    g = json.load(open(os.path.join(d, 'generation_benchmark_results.json')))
    a = json.load(open(os.path.join(d, 'accuracy_benchmark_results.json')))
    mem = json.load(open(os.path.join(d, 'memory_benchmark_results.json')))
    gate = lambda r, n: next(x for x in r['gates'] if x['name'].startswith(n))
    t, f = g['metrics']['tokensPerSecondRatio'], g['metrics']['timeToFirstTokenRatio']
    e, c, r = gate(a, 'maxRelativeError'), gate(a, 'minCosineSimilarity'), gate(mem, 'minReduction')
    cap = mem['metrics']['capacity']
    print('| %s | %.2f [%.2f, %.2f] %s | %.2f [%.2f, %.2f] | %.4f %s | %.5f | %.3f [%.3f, %.3f] %s | %.0f / %.0f MB |' % (
        v, t['estimate'], t['lower'], t['upper'], gate(g, 'minTokensPerSecondRatio')['verdict'], f['estimate'],
        f['lower'], f['upper'], e['actual'], e['verdict'], c['actual'], r['actual'], r['lower'], r['upper'],
        r['verdict'], cap[1]['bytes'] / 1e6, cap[0]['bytes'] / 1e6))
PY
