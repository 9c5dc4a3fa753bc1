#!/usr/bin/env bash
# Builds the Python environment of the endpoint tests (a real `transformers serve`) and of the fixture
# scripts that use Hugging Face's own code, from the wheels this machine serves offline, with pinned
# versions. Usage: src/test/endpoints/python-env.sh [DIR]   (default target/python-env)
# Prints the interpreter's path on success; exits 3 when the wheels are not available here (the caller
# skips with that message outside CI).
set -euo pipefail
dir=${1:-target/python-env}
if [ -x "$dir/bin/python" ] && "$dir/bin/python" -c 'import transformers, fastapi, uvicorn, torch' 2>/dev/null; then
  echo "$dir/bin/python"
  exit 0
fi
links=()
for d in /opt/wheels /opt/pypi/files /opt/pypi-more/files; do
  [ -d "$d" ] && links+=(--find-links "$d")
done
if [ ${#links[@]} -eq 0 ]; then
  echo "no offline wheel folder (/opt/wheels, /opt/pypi/files, /opt/pypi-more/files) on this machine" >&2
  exit 3
fi
python3 -m venv "$dir" >&2
"$dir/bin/pip" install -q --no-index "${links[@]}" \
  'torch==2.13.0+cpu' 'transformers==5.18.0' 'huggingface_hub==1.33.0' tokenizers safetensors numpy pillow \
  accelerate fastapi uvicorn httptools sse-starlette openai httpx requests >&2 || {
  echo "pip could not install the pinned packages from the offline wheels" >&2
  exit 3
}
echo "$dir/bin/python"
