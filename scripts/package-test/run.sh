#!/usr/bin/env bash
# Package test (issue 14): packs WxPayScore, WxPayScore.Sandbox and the wxpayscore tool into a temporary folder and uses
# them as a stranger would, outside the solution: a throwaway xUnit project whose nuget.config lists only that folder
# and nuget.org, referencing the packages by version (the sandbox in process, an order created, confirmed through the
# sandbox, queried, its callback read), and `dotnet tool install --tool-path` of wxpayscore, whose doctor must pass
# against that sandbox. Ends with dotnet test's own summary line.
# PACKAGE_TEST_NO_BUILD=1 packs the Release build already made (test.sh builds the solution first).
set -euo pipefail
cd "$(dirname "$0")/../.."
source_dir="$(pwd)/scripts/package-test"
work="$(mktemp -d)"
# A version of its own per run: the NuGet cache never serves a stale copy of an earlier run.
version="0.1.0-pkgtest.$(date +%Y%m%d%H%M%S).$$"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() {
  rm -rf "$work"
  for id in wxpayscore wxpayscore.sandbox wxpayscore.cli; do rm -rf "${packages:?}/$id/$version"; done
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

feed="$work/feed"
no_build=()
[ -n "${PACKAGE_TEST_NO_BUILD:-}" ] && no_build=(--no-build)
echo "packing $version into $feed"
for project in src/WxPayScore/WxPayScore.csproj src/WxPayScore.Sandbox/WxPayScore.Sandbox.csproj src/WxPayScore.Cli/WxPayScore.Cli.csproj; do
  dotnet pack "$project" -c Release -o "$feed" -p:Version="$version" "${no_build[@]}" -v quiet -nologo
done
ls "$feed"
for id in WxPayScore WxPayScore.Sandbox WxPayScore.Cli; do
  for ext in nupkg snupkg; do
    [ -f "$feed/$id.$version.$ext" ] || { echo "missing $id.$version.$ext"; exit 1; }
  done
done

consumer="$work/consumer"
mkdir -p "$consumer"
cat >"$consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
sed "s/@VERSION@/$version/g" "$source_dir/PackageTest.csproj.in" >"$consumer/PackageTest.csproj"
cp "$source_dir/SandboxFlowTests.cs" "$consumer/"

echo "installing the wxpayscore tool from $feed"
(cd "$consumer" && dotnet tool install WxPayScore.Cli --version "$version" --tool-path "$work/tools")
"$work/tools/wxpayscore" --help | head -n 3
export WXPAYSCORE_TOOL="$work/tools/wxpayscore"

echo "testing the packages from $consumer"
cd "$consumer"
dotnet test -c Release
