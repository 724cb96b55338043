#!/usr/bin/env bash
# A private, real Docker Engine and real image registries for Berth's tests and demo, from Debian's packages.
# Nothing is pulled from the internet: base images are made from Debian's static busybox.
#
#   scripts/engine.sh up       install what is missing, start dockerd + registries, make fixture images; prints the env
#   scripts/engine.sh env      print the env file (DOCKER_HOST=…, BERTH_REGISTRY=…)
#   scripts/engine.sh status   exit 0 when everything is up
#   scripts/engine.sh down     stop only what this script started (by its pid files); BERTH_ENGINE_PURGE=1 also deletes data
#
# It never talks to /var/run/docker.sock or to a daemon it did not start. Everything lives in $BERTH_ENGINE_DIR
# (on a real disk: overlay2 does not work on tmpfs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"

D=$BERTH_ENGINE_DIR
SOCK=$D/docker.sock
PIDFILE=$D/dockerd.pid
REGISTRY_PORT=${BERTH_REGISTRY_PORT:-5000}            # plain HTTP, no auth
SECURE_REGISTRY_PORT=${BERTH_SECURE_REGISTRY_PORT:-5443}  # TLS (self-signed) + htpasswd
REGISTRY_USER=berth
REGISTRY_PASSWORD=berth-registry-pw
# When another dockerd already runs in this network namespace we must not share (or delete) its docker0:
# we then use a bridge of our own without iptables management.
OWN_BRIDGE=berth0
OWN_BRIDGE_CIDR=10.213.0.1/24
FORWARD_RULE=(FORWARD -m physdev --physdev-is-bridged -m comment --comment berth-engine -j ACCEPT)
# BERTH_ENGINE_EXTERNAL=1: the user pointed DOCKER_HOST at an engine of their own; use it, never start or stop one.
EXTERNAL=${BERTH_ENGINE_EXTERNAL:-0}
[ "$EXTERNAL" = 1 ] || export DOCKER_HOST=unix://$SOCK

die() { berth_log "engine: $*"; exit 1; }

ensure_packages() {
  local need=()
  command -v dockerd >/dev/null || need+=(docker.io)
  command -v docker-registry >/dev/null || need+=(docker-registry)
  command -v docker-compose >/dev/null || need+=(docker-compose)
  command -v htpasswd >/dev/null || need+=(apache2-utils)
  command -v openssl >/dev/null || need+=(openssl)
  command -v curl >/dev/null || need+=(curl)
  command -v ip >/dev/null || need+=(iproute2)
  command -v iptables >/dev/null || need+=(iptables)
  if [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ] && ! command -v apparmor_parser >/dev/null; then
    need+=(apparmor)
  fi
  [ ${#need[@]} -eq 0 ] || berth_apt_install "${need[@]}" || die "could not install ${need[*]}"
}

# True when the pid in $1 is alive (zombies count as gone) and its command line contains $2.
ours_alive() {
  local pid state
  [ -s "$1" ] || return 1
  pid=$(cat "$1")
  state=$(awk '/^State:/{print $2}' "/proc/$pid/status" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$2"
}

stop_ours() {   # pidfile, command-line marker, seconds before SIGKILL
  local pid i
  if ours_alive "$1" "$2"; then
    pid=$(cat "$1"); kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 $(( ${3:-10} * 10 ))); do ours_alive "$1" "$2" || break; sleep 0.1; done
    ours_alive "$1" "$2" && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

ping_engine() { curl -sf --max-time 2 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }

another_dockerd() {
  local p
  for p in $(pgrep -x dockerd 2>/dev/null || true); do
    tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$D/" || return 0
  done
  return 1
}

start_dockerd() {
  mkdir -p "$D"
  if ours_alive "$PIDFILE" "$D/" && ping_engine; then return 0; fi
  stop_ours "$PIDFILE" "$D/" 15
  # A containerd left behind by a crashed dockerd makes the next start wait for it.
  stop_ours "$D/exec/containerd/containerd.pid" "$D/exec/containerd" 10
  local args=() state=$D/network-state
  : > "$state"
  if another_dockerd; then
    ip link show "$OWN_BRIDGE" >/dev/null 2>&1 || { ip link add "$OWN_BRIDGE" type bridge && ip addr add "$OWN_BRIDGE_CIDR" dev "$OWN_BRIDGE"; }
    echo "bridge=$OWN_BRIDGE" >> "$state"
    ip link set "$OWN_BRIDGE" up
    iptables -C "${FORWARD_RULE[@]}" 2>/dev/null || iptables -I FORWARD 1 "${FORWARD_RULE[@]:1}"
    echo "forward_rule=1" >> "$state"
    args=(--bridge "$OWN_BRIDGE" --iptables=false --ip-masq=false)
  fi
  [ -f "$D/daemon.json" ] || echo '{}' > "$D/daemon.json"
  berth_log "starting a private dockerd on $SOCK"
  setsid dockerd --host "unix://$SOCK" --data-root "$D/data" --exec-root "$D/exec" --pidfile "$PIDFILE" \
    --config-file "$D/daemon.json" --cgroup-parent /berth-engine "${args[@]}" > "$D/dockerd.log" 2>&1 < /dev/null &
  local launcher=$! i
  for i in $(seq 1 600); do
    ping_engine && return 0
    kill -0 "$launcher" 2>/dev/null || { tail -n 30 "$D/dockerd.log" >&2; die "dockerd exited while starting (log: $D/dockerd.log)"; }
    sleep 0.1
  done
  tail -n 30 "$D/dockerd.log" >&2; die "dockerd did not answer within 60 s (log: $D/dockerd.log)"
}

static_busybox() {
  local bb=$D/busybox/busybox
  if [ ! -x "$bb" ]; then
    mkdir -p "$D/busybox"
    if [ -x /bin/busybox ] && LC_ALL=C ldd /bin/busybox 2>&1 | grep -q 'not a dynamic'; then
      cp /bin/busybox "$bb"
    else
      # busybox-static conflicts with the busybox package: unpack it, never install it.
      [ -n "${BERTH_APT_UPDATED:-}" ] || { apt-get -o DPkg::Lock::Timeout=300 update -qq; BERTH_APT_UPDATED=1; }
      (cd "$D/busybox" && apt-get -o APT::Sandbox::User=root download -qq busybox-static) || die "apt-get download busybox-static failed"
      dpkg-deb -x "$D"/busybox/busybox-static_*.deb "$D/busybox/x" && cp "$D/busybox/x/bin/busybox" "$bb"
    fi
  fi
  echo "$bb"
}

make_fixtures() {
  if docker image inspect berth/busybox:latest berth/fixture:latest busybox:latest >/dev/null 2>&1; then return 0; fi
  local bb root ctx
  bb=$(static_busybox)
  root=$D/rootfs; ctx=$D/fixture-context
  rm -rf "$root" "$ctx"; mkdir -p "$root"/{bin,etc,tmp,www,root,var/run} "$ctx"
  cp "$bb" "$root/bin/busybox"
  for applet in $("$bb" --list); do [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  chmod 1777 "$root/tmp"; echo "hello from berth" > "$root/www/index.html"
  tar -C "$root" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["sh"]' - berth/busybox:latest > /dev/null
  docker tag berth/busybox:latest busybox:latest   # so that "FROM busybox" in examples builds offline
  printf 'FROM berth/busybox:latest\nLABEL berth.fixture=1\nEXPOSE 80\nCMD ["httpd", "-f", "-v", "-p", "80", "-h", "/www"]\n' > "$ctx/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t berth/fixture:latest "$ctx" > /dev/null || die "fixture build failed"
  berth_log "fixture images: berth/busybox:latest busybox:latest berth/fixture:latest"
}

registry_answers() { local c; c=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true); [ "$c" = 200 ] || [ "$c" = 401 ]; }

start_registry() {   # name, port, tls (0|1)
  local name=$1 port=$2 tls=$3 r=$D/registry-$1 url
  url=http://127.0.0.1:$port/v2/; [ "$tls" = 1 ] && url=https://127.0.0.1:$port/v2/
  if ours_alive "$r/pid" "$r/config.yml" && registry_answers "$url"; then return 0; fi
  stop_ours "$r/pid" "$r/config.yml" 5
  mkdir -p "$r/data"
  {
    echo "version: 0.1"
    echo "log: {level: warn, accesslog: {disabled: true}}"
    echo "storage: {filesystem: {rootdirectory: $r/data}, delete: {enabled: true}}"
    echo "http: {addr: 127.0.0.1:$port, secret: berth-$name$([ "$tls" = 1 ] && echo ", tls: {certificate: $r/cert.pem, key: $r/key.pem}")}"
    [ "$tls" = 1 ] && echo "auth: {htpasswd: {realm: berth-registry, path: $r/htpasswd}}"
  } > "$r/config.yml"
  if [ "$tls" = 1 ]; then
    [ -s "$r/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=berth-registry \
      -addext subjectAltName=IP:127.0.0.1,DNS:localhost -addext basicConstraints=critical,CA:TRUE \
      -keyout "$r/key.pem" -out "$r/cert.pem" > /dev/null 2>&1
    htpasswd -Bbn "$REGISTRY_USER" "$REGISTRY_PASSWORD" > "$r/htpasswd"
  fi
  setsid docker-registry serve "$r/config.yml" > "$r/registry.log" 2>&1 < /dev/null &
  echo $! > "$r/pid"
  local i; for i in $(seq 1 100); do registry_answers "$url" && return 0; sleep 0.1; done
  cat "$r/registry.log" >&2; die "registry $name did not come up on port $port"
}

write_env() {
  cat > "$D/env" <<ENV
export DOCKER_HOST=$DOCKER_HOST
export BERTH_ENGINE_OWNED=1
export BERTH_REGISTRY=127.0.0.1:$REGISTRY_PORT
export BERTH_SECURE_REGISTRY=127.0.0.1:$SECURE_REGISTRY_PORT
export BERTH_SECURE_REGISTRY_USER=$REGISTRY_USER
export BERTH_SECURE_REGISTRY_PASSWORD=$REGISTRY_PASSWORD
export BERTH_SECURE_REGISTRY_CA=$D/registry-secure/cert.pem
export BERTH_FIXTURE_IMAGE=berth/fixture:latest
export BERTH_BUSYBOX_IMAGE=berth/busybox:latest
ENV
}

down() {
  stop_ours "$D/registry-plain/pid" "$D/registry-plain/config.yml" 5
  stop_ours "$D/registry-secure/pid" "$D/registry-secure/config.yml" 5
  if ours_alive "$PIDFILE" "$D/" && ping_engine; then
    # busybox as PID 1 ignores SIGTERM: remove containers first, or each costs the 10 s stop timeout.
    local ids; ids=$(docker ps -aq 2>/dev/null || true)
    [ -z "$ids" ] || docker rm -f $ids > /dev/null 2>&1 || true
    docker network prune -f > /dev/null 2>&1 || true
  fi
  local containerd=""; [ -s "$D/exec/containerd/containerd.pid" ] && containerd=$(cat "$D/exec/containerd/containerd.pid")
  stop_ours "$PIDFILE" "$D/" 30
  if [ -n "$containerd" ]; then echo "$containerd" > "$D/containerd.pid"; stop_ours "$D/containerd.pid" "$D/exec/containerd" 10; fi
  if [ -f "$D/network-state" ]; then
    grep -q '^forward_rule=1' "$D/network-state" && iptables -D "${FORWARD_RULE[@]}" 2>/dev/null || true
    grep -q "^bridge=$OWN_BRIDGE" "$D/network-state" && ip link del "$OWN_BRIDGE" 2>/dev/null || true
    rm -f "$D/network-state"
  fi
  if [ "${BERTH_ENGINE_PURGE:-0}" = 1 ]; then
    awk -v d="$D/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m" || true; done
    rm -rf "$D"
  fi
  berth_log "engine down"
}

case "${1:-up}" in
  up)
    ensure_packages
    if [ "$EXTERNAL" = 1 ]; then docker version > /dev/null || die "no engine answers at DOCKER_HOST=$DOCKER_HOST"; else start_dockerd; fi
    make_fixtures
    start_registry plain "$REGISTRY_PORT" 0; start_registry secure "$SECURE_REGISTRY_PORT" 1
    write_env; berth_log "engine ready: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
    cat "$D/env" ;;
  env) cat "$D/env" ;;
  status)
    ok=0
    { ours_alive "$PIDFILE" "$D/" && ping_engine; } || { echo "dockerd: down"; ok=1; }
    registry_answers "http://127.0.0.1:$REGISTRY_PORT/v2/" || { echo "registry: down"; ok=1; }
    registry_answers "https://127.0.0.1:$SECURE_REGISTRY_PORT/v2/" || { echo "secure registry: down"; ok=1; }
    exit $ok ;;
  down) [ "$EXTERNAL" = 1 ] || down ;;
  *) echo "usage: $0 up|env|status|down" >&2; exit 2 ;;
esac
