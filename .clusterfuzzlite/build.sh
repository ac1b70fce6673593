#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build of McpFuzz's parser fuzzers (docs/coverage-fuzzing.md,
# "ClusterFuzzLite / OSS-Fuzz"). Inputs: SRC, OUT, CC, CFLAGS, LIB_FUZZING_ENGINE (set by the
# builder image). Produces, per target T in TARGETS (T's name with '-' as '_'):
#   $OUT/T_fuzzer                  the fuzzer: a shell wrapper that runs the launcher on T
#   $OUT/T_fuzzer.launcher         our libFuzzer bridge, linked with $LIB_FUZZING_ENGINE
#   $OUT/T_fuzzer_seed_corpus.zip  corpus/T
#   $OUT/T_fuzzer.dict             the target's dictionaries
# and $OUT/mcpfuzz, the published harness with McpFuzz.Model.Wire instrumented.
#
# The runner images have no .NET, so the harness is published self-contained by default;
# DOTNET_PUBLISH_ARGS replaces those arguments (e.g. "--no-self-contained" where dotnet is on
# the runner's PATH, as in the local test of this script).

REPO="${MCPFUZZ_SRC:-$SRC/mcpfuzz}"
PUBLISH_ARGS="${DOTNET_PUBLISH_ARGS:--r linux-x64 --self-contained -p:PublishReadyToRun=false -p:InvariantGlobalization=true}"
TARGETS="sse-chunked sse-differential jsonrpc-classifier http-headers"
HARNESS="$OUT/mcpfuzz"
SCRATCH="${WORK:-$(mktemp -d)}"

cd "$REPO"

# The harness: instrumentation needs IL-only assemblies, hence no ReadyToRun.
# shellcheck disable=SC2086
dotnet publish src/Driver -c Release -o "$HARNESS" $PUBLISH_ARGS
if [ -x "$HARNESS/mcpfuzz" ]; then MCPFUZZ=("$HARNESS/mcpfuzz"); else MCPFUZZ=(dotnet "$HARNESS/mcpfuzz.dll"); fi
"${MCPFUZZ[@]}" instrument "$HARNESS/McpFuzz.Model.dll" --include McpFuzz.Model.Wire
rm -f "$HARNESS/McpFuzz.Model.dll.orig"

# The bridge, once; each target gets a copy under its own name (a *.launcher is not taken for a
# fuzzer by the infrastructure, which runs only files with no extension).
# shellcheck disable=SC2086
$CC $CFLAGS -O2 -c src/Fuzzer/Engines/Bridges/libfuzzer_bridge.c -o "$SCRATCH/libfuzzer_bridge.o"
# shellcheck disable=SC2086
$CC $CFLAGS "$SCRATCH/libfuzzer_bridge.o" $LIB_FUZZING_ENGINE -o "$SCRATCH/libfuzzer_bridge"

dictionaries_of() {
  case "$1" in
    sse-*) echo corpus/dict/sse.dict ;;
    jsonrpc-*) echo corpus/dict/jsonrpc.dict corpus/dict/mcp-methods.dict ;;
    http-headers) echo corpus/dict/http-headers.dict ;;
  esac
}

for target in $TARGETS; do
  fuzzer="${target//-/_}_fuzzer"
  cp "$SCRATCH/libfuzzer_bridge" "$OUT/$fuzzer.launcher"
  # The marker line below is how OSS-Fuzz recognises a fuzz target in a file that is not a binary.
  cat > "$OUT/$fuzzer" <<WRAPPER
#!/bin/sh
# LLVMFuzzerTestOneInput: McpFuzz target '$target' through the libFuzzer bridge.
here=\$(cd "\$(dirname "\$0")" && pwd)
MCPFUZZ_HARNESS="$( [ "${MCPFUZZ[0]}" = dotnet ] && echo "dotnet '\$here/mcpfuzz/mcpfuzz.dll'" || echo "'\$here/mcpfuzz/mcpfuzz'" ) fuzz-harness $target --protocol libfuzzer"
export MCPFUZZ_HARNESS
exec "\$here/$fuzzer.launcher" "\$@"
WRAPPER
  chmod +x "$OUT/$fuzzer"
  rm -f "$OUT/${fuzzer}_seed_corpus.zip"
  (cd "corpus/$target" && zip -q -j "$OUT/${fuzzer}_seed_corpus.zip" ./*)
  # shellcheck disable=SC2046
  cat $(dictionaries_of "$target") > "$OUT/$fuzzer.dict"
done
