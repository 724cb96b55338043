# Sourced by the other scripts: where slow installs are cached (outside the repository) and which versions.
# code-server and Node must move together: code-server refuses a Node of another major version.
BERTH_CACHE=${BERTH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth}
BERTH_NODE24_VERSION=${BERTH_NODE24_VERSION:-24.21.0}
BERTH_CODE_SERVER_VERSION=${BERTH_CODE_SERVER_VERSION:-4.139.1}
BERTH_NODE24_DIR=$BERTH_CACHE/node-$BERTH_NODE24_VERSION
BERTH_CODE_SERVER_DIR=$BERTH_CACHE/code-server-$BERTH_CODE_SERVER_VERSION
BERTH_ENGINE_DIR=${BERTH_ENGINE_DIR:-$BERTH_CACHE/engine}
export BERTH_CACHE BERTH_NODE24_DIR BERTH_CODE_SERVER_DIR BERTH_ENGINE_DIR
export CODE_SERVER_NODE=$BERTH_NODE24_DIR/bin/node
export CODE_SERVER_ENTRY=$BERTH_CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}

berth_log() { printf '[berth %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# apt-get install that never starts a system service (docker.io's postinst would start a dockerd otherwise).
berth_apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${BERTH_APT_UPDATED:-}" ]; then
    berth_log "apt-get update"
    apt-get -o DPkg::Lock::Timeout=300 update -qq || return 1
    BERTH_APT_UPDATED=1
  fi
  berth_log "apt-get install $*"
  local policy=/usr/sbin/policy-rc.d made=0 rc=0
  if [ ! -e $policy ]; then printf '#!/bin/sh\nexit 101\n' > $policy; chmod +x $policy; made=1; fi
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >/dev/null || rc=$?
  [ $made = 1 ] && rm -f $policy
  return $rc
}
