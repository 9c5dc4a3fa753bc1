#!/usr/bin/env bash
# The integration tests over served models (it-endpoints/), the second step of .ci/run: builds the pinned
# Python environment from the offline wheels (python-env.sh), writes the small Qwen3 text models
# (make_models.py), starts one real `transformers serve` on 127.0.0.1 serving both, runs the ITs against it
# with the plugin this checkout builds, and stops the server whatever happens.
# Usage: src/test/endpoints/run-its.sh   (from the repository root; after mvn verify, or on its own)
set -euo pipefail
cd "$(dirname "$0")/../../.."
port=${QWEN_BENCH_TEST_PORT:-8765}
py=$(src/test/endpoints/python-env.sh target/python-env)
models=$PWD/target/endpoint-models
[ -f "$models/tiny-deep/config.json" ] || "$py" src/test/endpoints/make_models.py "$models" >&2
log=$PWD/target/transformers-serve.log
# transformers serve lists GET /v1/models from the Hugging Face cache and answers 500 when that folder does not
# exist: give it an empty one (it serves the local model folders by path, which it does not list)
mkdir -p target/hf-cache
HF_HUB_CACHE=$PWD/target/hf-cache HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 "$(dirname "$py")/transformers" serve --host 127.0.0.1 --port "$port" \
  > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1; then
    break
  fi
  if ! kill -0 $server 2>/dev/null; then
    echo "transformers serve exited before it answered; its log:" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health" > /dev/null || { echo "transformers serve did not answer in 120 s" >&2; exit 1; }
mvn -B verify -DskipTests -Dinvoker.projectsDirectory=it-endpoints \
  -Dqwen-bench.endpointUrl="http://127.0.0.1:$port/v1" -Dqwen-bench.endpointModels="$models"
