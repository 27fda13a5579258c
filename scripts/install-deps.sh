#!/usr/bin/env bash
# Installs, only when missing, the Debian packages the tests and the real peers need.
# Idempotent: a machine that has everything runs no apt command at all.
# With package names as arguments it sees to just those (scripts/run.sh asks only for the PDF font).
set -euo pipefail

packages=(
  socat libnfc-bin libnfc-examples libnfc-pn53x-examples
  pcscd vsmartcard-vpcd opensc opensc-pkcs11 pcsc-tools
  openssl
  cups-ipp-utils dbus dbus-daemon
  postgresql
  chromium
  fonts-ipaexfont fonts-noto-cjk fonts-noto-core fonts-thai-tlwg
  pango1.0-tools poppler-utils
)
if (($# > 0)); then packages=("$@"); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} Debian packages present"
  exit 0
fi

echo "install-deps: missing: ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    echo "install-deps: not root. Run this once as root, then run the tests again:" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi

$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: installed ${#missing[@]} packages"
