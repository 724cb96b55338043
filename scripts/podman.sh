#!/usr/bin/env bash
# A private, real Podman service (Docker-compatible API) beside the private dockerd, from Debian's packages, so that
# Berth's engine code is tested against the engine many users run instead of Docker.
#
#   scripts/podman.sh up       install podman if missing, start its API service, load the fixture images; prints the env
#   scripts/podman.sh env      print the env (BERTH_PODMAN_HOST=…)
#   scripts/podman.sh status   exit 0 when the service answers
#   scripts/podman.sh down     remove its containers and stop the service it started
#
# Needs the private dockerd (scripts/engine.sh up) for `up`: the fixture images are exported from it, never pulled.
# Everything lives in $BERTH_ENGINE_DIR/podman: storage, run state, network configs, containers.conf.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"

P=$BERTH_ENGINE_DIR/podman
SOCK=$P/podman.sock
PIDFILE=$P/service.pid
# Podman talks plain HTTP only to the registries registries.conf names: the loopback registry, and one fixed port
# for the Harbor stand-in of the engine tests (dockerd allows all of 127.0.0.0/8 by itself).
STANDIN_PORT=${BERTH_PODMAN_STANDIN_PORT:-5081}
export CONTAINERS_CONF=$P/containers.conf CONTAINERS_REGISTRIES_CONF=$P/registries.conf

die() { berth_log "podman: $*"; exit 1; }
answers() { curl -sf --max-time 2 --unix-socket "$SOCK" http://d/_ping > /dev/null 2>&1; }
alive() { [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && tr '\0' ' ' < "/proc/$(cat "$PIDFILE")/cmdline" | grep -qF -- "$SOCK"; }
# The podman CLI on our private storage: it runs the service, and sets up and tears down (Berth speaks the API).
PODMAN=(podman --root "$P/storage" --runroot "$P/run" --tmpdir "$P/tmp" --storage-driver vfs --network-config-dir "$P/net")
pm() { "${PODMAN[@]}" "$@"; }

# Writes the service's configuration; exit 0 when it changed (the running service must then restart to read it).
write_config() {
  mkdir -p "$P"/{storage,run,tmp,net}
  local want
  # Podman asks for very high nofile/nproc limits by default; a container cannot raise them above this sandbox's
  # hard limits (runc fails with "error setting rlimits"), so containers get what this process has.
  want=$(cat <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=4096:4096"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
)
  local registries
  registries=$(cat <<CONF
unqualified-search-registries = []
[[registry]]
location = "127.0.0.1:${BERTH_REGISTRY_PORT:-5000}"
insecure = true
[[registry]]
location = "127.0.0.1:$STANDIN_PORT"
insecure = true
CONF
)
  if [ "$want" = "$(cat "$CONTAINERS_CONF" 2>/dev/null)" ] && [ "$registries" = "$(cat "$CONTAINERS_REGISTRIES_CONF" 2>/dev/null)" ]; then return 1; fi
  printf '%s\n' "$want" > "$CONTAINERS_CONF"
  printf '%s\n' "$registries" > "$CONTAINERS_REGISTRIES_CONF"
}

up() {
  command -v podman > /dev/null || berth_apt_install podman || die "could not install podman"
  local changed=0
  write_config && changed=1
  if [ $changed = 1 ] || ! { alive && answers; }; then
    [ -s "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null || true
    berth_log "starting a private Podman service on $SOCK"
    setsid "${PODMAN[@]}" system service --time=0 "unix://$SOCK" > "$P/service.log" 2>&1 < /dev/null &
    echo $! > "$PIDFILE"
    local i; for i in $(seq 1 100); do answers && break; sleep 0.1; done
    answers || { tail -n 20 "$P/service.log" >&2; die "the Podman service did not answer within 10 s (log: $P/service.log)"; }
  fi
  if ! pm image exists localhost/berth/fixture:latest || ! pm image exists localhost/berth/busybox:latest; then
    eval "$(bash "$here/engine.sh" env)"
    curl -sf --unix-socket "${DOCKER_HOST#unix://}" "http://d/images/get?names=berth/fixture:latest&names=berth/busybox:latest" -o "$P/fixtures.tar" \
      || die "could not export the fixture images from the private dockerd (run scripts/engine.sh up first)"
    curl -sf --unix-socket "$SOCK" -X POST -H 'Content-Type: application/x-tar' --data-binary "@$P/fixtures.tar" "http://d/images/load" > /dev/null \
      || die "Podman did not load the fixture images"
    rm -f "$P/fixtures.tar"
  fi
  cat > "$P/env" <<ENV
export BERTH_PODMAN_HOST=unix://$SOCK
export BERTH_PODMAN_FIXTURE_IMAGE=localhost/berth/fixture:latest
export BERTH_PODMAN_BUSYBOX_IMAGE=localhost/berth/busybox:latest
export BERTH_PODMAN_STANDIN_PORT=$STANDIN_PORT
ENV
  berth_log "podman ready: $(podman --version)"
  cat "$P/env"
}

down() {
  if alive; then
    pm rm -af -t 0 > /dev/null 2>&1 || true   # conmon outlives the service: containers must go first
    kill "$(cat "$PIDFILE")" 2>/dev/null || true
    local i; for i in $(seq 1 50); do alive || break; sleep 0.1; done
    alive && kill -9 "$(cat "$PIDFILE")" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  berth_log "podman down"
}

case "${1:-up}" in
  up) up ;;
  env) cat "$P/env" ;;
  status) alive && answers ;;
  down) down ;;
  *) echo "usage: $0 up|env|status|down" >&2; exit 2 ;;
esac
