#!/usr/bin/env bash
# Builds the Angular app when Node is available; the API works without it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f frontend/package.json ]; then exit 0; fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: serving the API only (install Node 20+ to build the web app)."; exit 0
fi
cd frontend
stamp=node_modules/.installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  npm ci --no-audit --no-fund --loglevel=error && touch "$stamp"
fi
# Rebuild only when sources changed since the last build.
if [ -f dist/unitcycle/browser/index.html ] && [ -z "$(find src public angular.json package.json tsconfig.json tsconfig.app.json -newer dist/unitcycle/browser/index.html -print -quit)" ]; then
  exit 0
fi
npx ng build --configuration production
