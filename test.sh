#!/usr/bin/env bash
# Runs every test suite: the .NET suites (SDK, sandbox, server incl. PostgreSQL and OpenTelemetry, browser, the published
# server started from its folder), a 60-second soak of the load tool (faults and a kill -9) and the mini program's
# node tests (incl. miniprogram-simulate) and its tsc check against miniprogram-api-typings. Installs and starts what
# they need (PostgreSQL, Chromium, the npm dev dependencies) itself. Ends with "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

bash scripts/ensure-prereqs.sh || { echo "prereqs: install failed"; exit 1; }
eval "$(bash scripts/start-postgres.sh)" || { echo "postgres: start failed"; exit 1; }
export WXPAYSCORE_CHROMIUM="${WXPAYSCORE_CHROMIUM:-/usr/bin/chromium}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

passed=0; failed=0; skipped=0; status=0
results="$(mktemp -d)"

if ! dotnet build WxPayScore.slnx -c Release -v quiet -nologo >"$results/build.log" 2>&1; then
  cat "$results/build.log"; echo "build failed"; echo "tests: 0 passed, 1 failed"; exit 1
fi

for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    >"$results/$name.log" 2>&1
  rc=$?
  summary="$(grep -E '^(Passed|Failed)!' "$results/$name.log" | tail -n 1)"
  echo "   ${summary:-no summary (exit $rc)}"
  p=$(grep -oP 'Passed:\s*\K[0-9]+' <<<"$summary" || echo 0)
  f=$(grep -oP 'Failed:\s*\K[0-9]+' <<<"$summary" || echo 0)
  s=$(grep -oP 'Skipped:\s*\K[0-9]+' <<<"$summary" || echo 0)
  if [ "$rc" -ne 0 ]; then
    grep -E '^\s+(Failed|Error Message|  )' "$results/$name.log" | head -n 60
    [ "${f:-0}" -gt 0 ] || f=1
    status=1
  fi
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
done

echo "== miniprogram (npm ci)"
# The mini program's dev tools (typescript, miniprogram-api-typings, miniprogram-simulate, jsdom) from package-lock.json.
if ! (cd miniprogram && npm ci --no-audit --no-fund) >"$results/npm.log" 2>&1; then
  tail -n 30 "$results/npm.log"; echo "   npm ci failed"; failed=$((failed + 1)); status=1
fi

echo "== miniprogram (tsc --checkJs against miniprogram-api-typings)"
# One check: app.js, pages/index/index.js, payscore/*.js against WeChat's own type definitions of wx.
if (cd miniprogram && npx --no-install tsc -p tsconfig.json) >"$results/tsc.log" 2>&1; then
  echo "   tsc: no errors"; passed=$((passed + 1))
else
  head -n 40 "$results/tsc.log"; echo "   tsc: errors"; failed=$((failed + 1)); status=1
fi

echo "== miniprogram (node --test, incl. miniprogram-simulate)"
node --test miniprogram/test/*.test.js >"$results/node.log" 2>&1
rc=$?
p=$(grep -oP '^# pass \K[0-9]+' "$results/node.log" || echo 0)
f=$(grep -oP '^# fail \K[0-9]+' "$results/node.log" || echo 0)
echo "   pass $p, fail $f"
if [ "$rc" -ne 0 ]; then tail -n 60 "$results/node.log"; [ "${f:-0}" -gt 0 ] || f=1; status=1; fi
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))

# ---- package test (issue 14) ------------------------------------------------------------------------------------
# The packed WxPayScore, WxPayScore.Sandbox and wxpayscore tool, used from a throwaway project outside the solution
# (scripts/package-test/run.sh). Packs the Release build made above; its dotnet test summary counts in the totals.
echo "== package test (scripts/package-test/run.sh)"
PACKAGE_TEST_NO_BUILD=1 bash scripts/package-test/run.sh >"$results/package-test.log" 2>&1
rc=$?
summary="$(grep -E '^(Passed|Failed)!' "$results/package-test.log" | tail -n 1)"
echo "   ${summary:-no summary (exit $rc)}"
p=$(grep -oP 'Passed:\s*\K[0-9]+' <<<"$summary" || echo 0)
f=$(grep -oP 'Failed:\s*\K[0-9]+' <<<"$summary" || echo 0)
if [ "$rc" -ne 0 ]; then tail -n 60 "$results/package-test.log"; [ "${f:-0}" -gt 0 ] || f=1; status=1; fi
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
# ---- end of package test -------------------------------------------------------------------------------------------

# ---- soak (issue 15) --------------------------------------------------------------------------------------------
# A short soak of the load tool (docs/reliability.md): a sandbox and one server on SQLite as processes, whole orders
# for 60 s under injected WeChat faults, one kill -9 and restart at least. Each verdict figure that must be 0 counts as a
# test, and so does "at least one kill happened"; a soak that ends without a verdict counts as one failure.
echo "== soak (load tool: 60 s, SQLite, faults, kill -9)"
dotnet bench/WxPayScore.LoadTest/bin/Release/net10.0/WxPayScore.LoadTest.dll soak --storage sqlite --duration 60 --users 8 \
  --fault-rate 10 --fault-period 20 --kill-every 20 --settle 150 --work "$results/soak" >"$results/soak.log" 2>&1
rc=$?
p=$(grep -c 'ok (must be 0)' "$results/soak.log"); f=$(grep -c 'FAIL (must be 0)' "$results/soak.log")
kills=$(grep -oP '^\s+kill -9 of a server instance\s+\K[0-9]+' "$results/soak.log" || echo 0)
if [ "${kills:-0}" -ge 1 ]; then p=$((p + 1)); else f=$((f + 1)); fi
echo "   verdict: $p passed, $f failed (exit $rc, kills ${kills:-0})"
if [ "$rc" -ne 0 ] || [ "$f" -gt 0 ]; then sed -n '/SOAK VERDICT/,$p' "$results/soak.log" | head -n 80; tail -n 20 "$results/soak.log"; [ "$f" -gt 0 ] || f=1; status=1; fi
passed=$((passed + p)); failed=$((failed + f))
# ---- end of soak ---------------------------------------------------------------------------------------------------

echo "logs: $results"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
