#!/usr/bin/env bash
# README command 1: install what is missing, build the app, serve it on 127.0.0.1 and print the URL.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" serve
"$ROOT/scripts/build-site.sh"
exec node "$ROOT/scripts/serve.mjs" "$ROOT/build/site" --port "${PORT:-8080}"
