#!/usr/bin/env bash
# Installs what the tests need and runs every test project of McpFuzz.
# The last line is "N passed, N failed" (totals over all test projects); the exit code is 0 only
# when everything passed.
set -uo pipefail
cd "$(dirname "$0")"

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# The real MCP peers of the interop tests come from tests/peers/package-lock.json (npm ci installs
# exactly what it lists); this needs npm and the npm registry.
(cd tests/peers && npm ci --no-audit --no-fund --loglevel=error) || { echo "0 passed, 1 failed"; exit 1; }

# The AFL++ and libFuzzer bridge tests need afl-fuzz and clang-14 with libFuzzer's runtime (Debian
# packages; zip for the ClusterFuzzLite build test); installed only when missing, without prompts (a fresh machine may need the index first).
if ! command -v afl-fuzz >/dev/null || ! command -v clang-14 >/dev/null || ! dpkg -s libclang-rt-14-dev >/dev/null 2>&1 || ! command -v zip >/dev/null; then
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_ apt-get install -y -qq afl++ clang-14 libclang-rt-14-dev zip >/dev/null \
    || { $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq afl++ clang-14 libclang-rt-14-dev zip >/dev/null; } \
    || { echo "0 passed, 1 failed"; exit 1; }
fi

# Packages come from the lock files (packages.lock.json), so every machine tests the same versions.
dotnet restore McpFuzz.sln --locked-mode || { echo "0 passed, 1 failed"; exit 1; }
dotnet build McpFuzz.sln -c Release --no-restore -nologo || { echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

# A project that crashed before writing results counts as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
