#!/usr/bin/env bash
# The one test command: installs what is missing, builds, typechecks, lints, packages, then runs every test layer
#   unit → lsp → oracle (the real Compose v2 as the judge of Compose diagnostics) → engine (real dockerd + registries) → podman (the engine tests that apply, on a real Podman)
#   → vscode (real VS Code extension host) → ui (Playwright)
# and prints the time and test count of each. Slow installs are cached outside the repository (scripts/env.sh).
# With CI set, no layer may skip. Stops the private engine at the end if this run started it
# (BERTH_KEEP_ENGINE=1 keeps it for the next run).
#   bash scripts/test.sh [layer …]      e.g. bash scripts/test.sh unit lsp
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

layers=("$@"); [ ${#layers[@]} -gt 0 ] || layers=(unit lsp oracle engine podman vscode ui)
logs=$(mktemp -d "${TMPDIR:-/tmp}/berth-test.XXXX")
summary=()
failed=0
total_pass=0
total_fail=0
t_start=$(date +%s.%N)

secs_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

step() {   # name, command…  — runs a preparation step; a failure stops everything
  local name=$1; shift
  local t; t=$(date +%s.%N)
  berth_log "── $name"
  if ! "$@"; then berth_log "FAILED: $name"; exit 1; fi
  summary+=("$(printf '%-10s %6ss' "$name" "$(secs_since "$t")")")
}

install_deps() {
  local major; major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then berth_log "Node.js 20.19 or newer is needed (found $(node -v 2>/dev/null || echo none))"; return 1; fi
  # node_modules/.package-lock.json is written by npm at the end of an install: newer than the lock = up to date.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

started_engine=0
if [ -z "${DOCKER_HOST:-}" ] && ! bash scripts/engine.sh status > /dev/null 2>&1; then started_engine=1; fi
started_podman=0
bash scripts/podman.sh status > /dev/null 2>&1 || started_podman=1
stop_engine() {
  [ "${BERTH_KEEP_ENGINE:-0}" = 1 ] && return
  if [ $started_podman = 1 ]; then bash scripts/podman.sh down > /dev/null 2>&1 || true; fi
  if [ $started_engine = 1 ]; then bash scripts/engine.sh down > /dev/null 2>&1 || true; fi
}
trap stop_engine EXIT

step install   install_deps
step build     node scripts/build.mjs
step typecheck npx tsc -b
step lint      npm run --silent lint
step package   node scripts/package.mjs

for layer in "${layers[@]}"; do
  t=$(date +%s.%N)
  berth_log "── layer $layer"
  node scripts/run-layer.mjs "$layer" 2>&1 | tee "$logs/$layer.log"
  code=${PIPESTATUS[0]}
  # node's test runner ends with "ℹ pass N / ℹ fail N"; the extension-host suite with "vscode: N passed, N failed".
  pass=$(grep -aoE '^(ℹ pass [0-9]+|vscode: [0-9]+ passed)' "$logs/$layer.log" | grep -oE '[0-9]+' | tail -1)
  fail=$(grep -aoE '^(ℹ fail [0-9]+|vscode: [0-9]+ passed, [0-9]+ failed)' "$logs/$layer.log" | grep -oE '[0-9]+' | tail -1)
  skipped=""; grep -q 'LAYER SKIPPED' "$logs/$layer.log" && skipped=" SKIPPED"
  pass=${pass:-0}; fail=${fail:-0}
  [ "$code" = 0 ] || { failed=1; [ "$fail" = 0 ] && fail=1; }
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail))
  summary+=("$(printf '%-10s %6ss  %4s passed, %s failed%s (exit %s)' "$layer" "$(secs_since "$t")" "$pass" "$fail" "$skipped" "$code")")
done

echo
echo "Berth test run ($(secs_since "$t_start") s in all; logs in $logs)"
for line in "${summary[@]}"; do echo "  $line"; done
echo "total: $total_pass passed, $total_fail failed"
exit $failed
