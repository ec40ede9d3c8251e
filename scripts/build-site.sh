#!/usr/bin/env bash
# Builds the browser app into build/site (em++ via CMake preset "wasm").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"  # emcc 3.1.6 on Debian needs it to find acorn
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j"$(nproc)" --target mlwb_site
