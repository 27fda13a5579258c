#!/usr/bin/env bash
# The README's main command: the simulator with embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project firmware/Kiosk.Firmware.Simulator -c Release -- "$@"
