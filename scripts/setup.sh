#!/usr/bin/env bash
# Installs everything the build needs that is missing, and nothing that is present.
#
#   scripts/setup.sh serve   packages to build the app and serve it
#   scripts/setup.sh test    the above plus the test tools (clang/libFuzzer, Chromium)
#
# Third-party C/C++ sources (Dear ImGui, md4c) come from Debian *source* packages, are
# checked against the pinned SHA-256 below and unpacked into .deps/ (git-ignored).
# npm packages come from the committed package-lock.json (npm ci).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-test}"
DEPS="$ROOT/.deps"

# Pinned third-party sources: Debian bookworm source packages.
IMGUI_PKG="imgui=1.86+ds-1"
IMGUI_TARBALL="imgui_1.86+ds.orig.tar.xz"
IMGUI_SHA256="0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64"
IMGUI_DIRNAME="imgui-1.86"
MD4C_PKG="md4c=0.4.8-1"
MD4C_TARBALL="md4c_0.4.8.orig.tar.gz"
MD4C_SHA256="4a457df853425b6bb6e3457aa1d1a13bccec587a04c38c622b1013a0da41439f"
MD4C_DIRNAME="md4c-release-0.4.8"

BUILD_PACKAGES=(
  cmake make g++ emscripten nodejs
  nlohmann-json3-dev catch2 libboost-math-dev
  fonts-roboto-unhinted fonts-noto-mono fonts-dejavu-core python3 python3-fonttools
  dpkg-dev xz-utils ca-certificates
)
TEST_PACKAGES=(clang libclang-rt-14-dev chromium python3-simpy python3-numpy)

log() { printf '[setup] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    log "not root and no sudo: missing packages cannot be installed"; fi
fi

APT_UPDATED=0
apt_update_once() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    # Third-party apt sources may be unreachable; Debian's own lists are what we need.
    $SUDO apt-get update -qq || log "apt-get update reported errors (continuing)"
    APT_UPDATED=1
  fi
}

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

ensure_packages() {
  local missing=()
  for p in "$@"; do is_installed "$p" || missing+=("$p"); done
  # Node from another apt source (e.g. nodesource) also provides node and npm.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local filtered=()
    for p in "${missing[@]}"; do [ "$p" = nodejs ] || filtered+=("$p"); done
    missing=("${filtered[@]+"${filtered[@]}"}")
  elif ! command -v npm >/dev/null; then
    missing+=(npm)
  fi
  [ "${#missing[@]}" -eq 0 ] && return 0
  apt_update_once
  log "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

ensure_deb_src() {
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then return 0; fi
  log "adding deb-src entries (needed for apt-get source)"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
      $SUDO tee /etc/apt/sources.list.d/mlwb-deb-src.sources >/dev/null
  else
    grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | sed 's/^deb /deb-src /' |
      $SUDO tee /etc/apt/sources.list.d/mlwb-deb-src.list >/dev/null
  fi
  APT_UPDATED=0
  apt_update_once
}

# fetch_source PKG TARBALL SHA256 DIRNAME
fetch_source() {
  local pkg="$1" tarball="$2" sha="$3" dirname="$4"
  if [ -f "$DEPS/$dirname/.mlwb-verified" ]; then return 0; fi
  ensure_deb_src
  mkdir -p "$DEPS/download"
  if [ ! -f "$DEPS/download/$tarball" ] || ! echo "$sha  $DEPS/download/$tarball" | sha256sum -c --quiet 2>/dev/null; then
    log "downloading Debian source package $pkg"
    # Only the upstream tarball is needed; the small .debian.tar.xz may 404 (seen for md4c).
    (cd "$DEPS/download" && apt-get source --download-only "$pkg" >/dev/null 2>&1) || true
    if [ ! -f "$DEPS/download/$tarball" ]; then
      apt_update_once
      (cd "$DEPS/download" && apt-get source --download-only "$pkg" >/dev/null 2>&1) || true
    fi
  fi
  [ -f "$DEPS/download/$tarball" ] || { log "could not download $tarball"; exit 1; }
  echo "$sha  $DEPS/download/$tarball" | sha256sum -c --quiet ||
    { log "checksum mismatch for $tarball"; exit 1; }
  rm -rf "${DEPS:?}/$dirname"
  tar -xf "$DEPS/download/$tarball" -C "$DEPS"
  [ -d "$DEPS/$dirname" ] || { log "$tarball did not unpack to $dirname"; exit 1; }
  echo "$sha" > "$DEPS/$dirname/.mlwb-verified"
  log "unpacked $dirname"
}

ensure_npm() {
  local stamp="$ROOT/node_modules/.mlwb-lock-sha256"
  local want; want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  log "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$want" > "$stamp"
}

case "$MODE" in
  serve) ensure_packages "${BUILD_PACKAGES[@]}" ;;
  test)  ensure_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"; ensure_npm ;;
  *) log "usage: scripts/setup.sh serve|test"; exit 2 ;;
esac
fetch_source "$IMGUI_PKG" "$IMGUI_TARBALL" "$IMGUI_SHA256" "$IMGUI_DIRNAME"
fetch_source "$MD4C_PKG" "$MD4C_TARBALL" "$MD4C_SHA256" "$MD4C_DIRNAME"
log "ready"
