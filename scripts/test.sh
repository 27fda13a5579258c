#!/usr/bin/env bash
# The README's test command: installs what is missing, builds with warnings as errors, runs every test project.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"

dotnet build Kiosk.sln -c Release -nologo -clp:ErrorsOnly

status=0
dotnet test Kiosk.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  -- RunConfiguration.TestSessionTimeout=1500000 || status=$?

# One closing line for every runner: "N passed, N failed, N skipped".
python3 - "$results" <<'PY' || true
import sys, glob, re
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<Counters [^>]*', text)
    if not m: continue
    c = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += max(int(c.get("total", 0)) - int(c.get("executed", 0)), int(c.get("notExecuted", 0)))
print(f"tests: {p} passed, {f} failed, {s} skipped")
PY
exit $status
