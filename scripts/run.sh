#!/usr/bin/env bash
# The README's main command: the simulator with embedded defaults (SQLite, generated dev PKI, folder printer).
# Without arguments it serves the web front panel; `--scripted RESIDENT` runs one whole transaction unattended.
set -euo pipefail
cd "$(dirname "$0")/.."
# The reference municipality embeds the IPAex font in its certificate PDFs: the one Debian package this command needs.
bash scripts/install-deps.sh fonts-ipaexfont
exec dotnet run --project firmware/Kiosk.Firmware.Simulator -c Release -- "$@"
