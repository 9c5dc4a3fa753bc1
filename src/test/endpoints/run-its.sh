#!/usr/bin/env bash
# The integration tests over served models (it-endpoints/), the second step of .ci/run: builds the pinned
# Python environment from the offline wheels (python-env.sh), writes the small Qwen3 text models
# (make_models.py), starts real `transformers serve` processes on 127.0.0.1 serving them, runs the ITs against
# them with the plugin this checkout builds, and stops the servers whatever happens.
#   - one server serves every IT's models;
#   - a second one is the candidate of system-server-killed-fails, and is killed (SIGKILL) a few seconds into
#     that IT's turns: the IT checks that the build ends within seconds, the failures counted;
#   - the same endpoint against itself (generation-same-model-passes, every suite; system-same-model-passes)
#     runs last, with one core kept busy by a shell loop the whole time: it must pass on a busy machine.
# Usage: src/test/endpoints/run-its.sh   (from the repository root; after mvn verify, or on its own)
set -euo pipefail
cd "$(dirname "$0")/../../.."
port=${QWEN_BENCH_TEST_PORT:-8765}
killable_port=$((port + 1))
py=$(src/test/endpoints/python-env.sh target/python-env)
models=$PWD/target/endpoint-models
[ -f "$models/tiny-deep/config.json" ] || "$py" src/test/endpoints/make_models.py "$models" >&2
# transformers serve lists GET /v1/models from the Hugging Face cache and answers 500 when that folder does not
# exist: give it an empty one (it serves the local model folders by path, which it does not list)
mkdir -p target/hf-cache
pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

# starts a server on port $1 logging to $2; its pid in $server
serve() {
  HF_HUB_CACHE=$PWD/target/hf-cache HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 "$(dirname "$py")/transformers" serve \
    --host 127.0.0.1 --port "$1" > "$2" 2>&1 &
  server=$!
  pids+=($server)
}

# waits until the server on port $1 (pid $2, log $3) answers
await() {
  for i in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$1/health" > /dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$2" 2>/dev/null; then
      echo "transformers serve exited before it answered; its log:" >&2
      tail -40 "$3" >&2
      exit 1
    fi
    sleep 1
  done
  echo "transformers serve on port $1 did not answer in 120 s" >&2
  exit 1
}

serve "$port" target/transformers-serve.log
main=$server
serve "$killable_port" target/transformers-serve-killed.log
killable=$server
await "$port" $main target/transformers-serve.log
await "$killable_port" $killable target/transformers-serve-killed.log

# kills the second server once the candidate of system-server-killed-fails has served turns for 5 s (its first
# progress line), and notes when (epoch ms)
killed_it=target/it/system-server-killed-fails
rm -rf "$killed_it"
(
  for i in $(seq 1 1200); do
    if grep -Eq "candidate: [0-9]+ turns" "$killed_it/build.log" 2>/dev/null; then
      kill -9 $killable
      date +%s%3N > "$killed_it/server-killed-at"
      echo "killed the candidate's server of system-server-killed-fails" >&2
      exit 0
    fi
    sleep 0.5
  done
) &
pids+=($!)

its() {
  mvn -B verify -DskipTests -Dinvoker.projectsDirectory=it-endpoints \
    -Dqwen-bench.endpointUrl="http://127.0.0.1:$port/v1" -Dqwen-bench.endpointModels="$models" \
    -Dqwen-bench.killableEndpointUrl="http://127.0.0.1:$killable_port/v1" "$@"
}
same=generation-same-model-passes,system-same-model-passes
others=$(ls it-endpoints/*/invoker.properties | xargs -n1 dirname | xargs -n1 basename \
  | grep -v -e '-same-model-passes$' | paste -sd, -)
its -Dinvoker.test="$others"
# one core kept busy for the whole IT (the server, the two client workers and Maven share the other)
( while :; do :; done ) &
busy=$!
pids+=($busy)
its -Dinvoker.test=$same
kill $busy
