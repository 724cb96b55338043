#!/usr/bin/env bash
# The real tools as test oracles, unpacked from Debian's next release (trixie) into the cache, never installed.
# Only what is missing is fetched; the system's apt state and packages stay untouched.
#
#   scripts/oracle.sh compose    prints the path of a Compose v2 binary (docker-compose 2.26 from trixie)
#   scripts/oracle.sh dockerd    prints the path of a dockerd 26 binary (trixie's docker.io)
#   scripts/oracle.sh runtime    installs containerd and runc (this release's packages) when missing, for that dockerd;
#                                prints the path of containerd
#
# The oracle layer runs `docker-compose -f FILE config -q`: exit 0 = Compose loads the file, non-zero = it rejects it.
# For Dockerfiles it starts that dockerd privately (test/oracle/dockerfile.test.ts) and reads the classic builder's
# parse verdicts from POST /build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"

TRIXIE=${BERTH_TRIXIE_DIR:-$BERTH_CACHE/trixie}
COMPOSE_BIN=$TRIXIE/root/usr/libexec/docker/cli-plugins/docker-compose
DOCKERD_BIN=$TRIXIE/root/usr/sbin/dockerd

die() { berth_log "oracle: $*"; exit 1; }

# Downloads trixie packages with a private apt state (lists and archives under $TRIXIE/apt) and unpacks them
# with dpkg -x into $TRIXIE/root.
trixie_unpack() {
  local apt=$TRIXIE/apt mirror
  mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$TRIXIE/root"
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || die "no Debian mirror found in /etc/apt"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' "$mirror" > "$apt/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt" -o "Dir::Cache::archives=$apt/archives"
              -o APT::Sandbox::User=root)
  berth_log "oracle: fetching $* from trixie into $TRIXIE"
  apt-get "${opts[@]}" update -qq || die "apt-get update (trixie) failed"
  (cd "$apt/archives" && apt-get "${opts[@]}" download -qq "$@") || die "apt-get download $* failed"
  local pkg deb
  for pkg in "$@"; do
    for deb in "$apt/archives/${pkg}_"*.deb; do dpkg -x "$deb" "$TRIXIE/root" || die "dpkg -x $deb failed"; done
  done
}

compose() {
  if [ ! -x "$COMPOSE_BIN" ]; then
    trixie_unpack docker-compose
    [ -x "$COMPOSE_BIN" ] || die "docker-compose was unpacked but $COMPOSE_BIN is missing"
  fi
  echo "$COMPOSE_BIN"
}

dockerd() {
  if [ ! -x "$DOCKERD_BIN" ]; then
    trixie_unpack docker.io
    [ -x "$DOCKERD_BIN" ] || die "docker.io was unpacked but $DOCKERD_BIN is missing"
  fi
  echo "$DOCKERD_BIN"
}

# The private dockerd 26 runs on the system's containerd and runc. On a machine where the engine layer has not run yet
# (it installs them with docker.io), nothing else has installed them.
runtime() {
  local need=()
  command -v containerd >/dev/null || need+=(containerd)
  command -v runc >/dev/null || need+=(runc)
  [ ${#need[@]} -eq 0 ] || berth_apt_install "${need[@]}" || die "could not install ${need[*]}"
  command -v containerd
}

case "${1:-}" in
  compose) compose ;;
  dockerd) dockerd ;;
  runtime) runtime ;;
  *) echo "usage: $0 compose|dockerd|runtime" >&2; exit 2 ;;
esac
