#!/usr/bin/env bash
# The one start command: installs what is missing, builds and packages Berth, and opens it in a real VS Code
# (code-server on 127.0.0.1, in your browser) with examples/ as the workspace. It uses your DOCKER_HOST when an
# engine answers there; otherwise it starts the private engine (scripts/engine.sh). Ctrl-C stops VS Code.
#   bash scripts/start.sh            (BERTH_PORT=8080 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  berth_log "npm ci"; npm ci --no-audit --no-fund --loglevel=error
fi
node scripts/package.mjs > /dev/null
bash scripts/vscode-host.sh

engine_answers() {
  case "$1" in
    unix://*) curl -sf --max-time 3 --unix-socket "${1#unix://}" http://localhost/_ping > /dev/null 2>&1 ;;
    tcp://*)  curl -sf --max-time 3 "http://${1#tcp://}/_ping" > /dev/null 2>&1 || curl -sfk --max-time 3 "https://${1#tcp://}/_ping" > /dev/null 2>&1 ;;
    *) return 0 ;;   # ssh:// and others: let Berth itself connect and report
  esac
}
if [ -n "${DOCKER_HOST:-}" ] && engine_answers "$DOCKER_HOST"; then
  berth_log "using the engine at DOCKER_HOST=$DOCKER_HOST"
else
  [ -n "${DOCKER_HOST:-}" ] && berth_log "no engine answers at DOCKER_HOST=$DOCKER_HOST: starting the private one instead"
  unset DOCKER_HOST
  eval "$(bash scripts/engine.sh up)"
fi
exec node scripts/start.mjs
