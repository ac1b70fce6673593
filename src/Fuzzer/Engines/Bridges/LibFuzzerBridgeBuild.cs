using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>
/// Compiles the C bridge (embedded as <c>libfuzzer_bridge.c</c>) with libFuzzer linked in:
/// <c>clang-14 -O2 -fsanitize=fuzzer</c>, or the compiler named in <c>MCPFUZZ_CC</c>. The binary is
/// cached under the temporary directory by a hash of the source and compiler, so a campaign after
/// the first starts at once.
/// </summary>
public static class LibFuzzerBridgeBuild
{
    public static string Compiler => Environment.GetEnvironmentVariable("MCPFUZZ_CC") is { Length: > 0 } cc ? cc : "clang-14";

    public static string Source
    {
        get
        {
            using var stream = typeof(LibFuzzerBridgeBuild).Assembly.GetManifestResourceStream("libfuzzer_bridge.c")
                ?? throw new InvalidOperationException("libfuzzer_bridge.c is not embedded in McpFuzz.Fuzzer");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The path of the compiled bridge, compiling it when the cache lacks it.</summary>
    public static string EnsureBuilt()
    {
        string source = Source;
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Compiler + "\n" + source)))[..16].ToLowerInvariant();
        string dir = Path.Combine(Path.GetTempPath(), "mcpfuzz-libfuzzer-bridge", key);
        string binary = Path.Combine(dir, "libfuzzer_bridge");
        if (File.Exists(binary)) return binary;

        Directory.CreateDirectory(dir);
        string sourcePath = Path.Combine(dir, "libfuzzer_bridge.c");
        File.WriteAllText(sourcePath, source);
        // Compile to a private name and rename: two campaigns starting together never run a half-written binary.
        string partial = binary + "." + Environment.ProcessId;
        var start = new ProcessStartInfo(Compiler) { ArgumentList = { "-O2", "-fsanitize=fuzzer", sourcePath, "-o", partial } };
        var outcome = EngineProcess.Run(start, TimeSpan.FromMinutes(2));
        if (outcome.ExitCode != 0)
            throw new InvalidOperationException($"{Compiler} could not build the libFuzzer bridge (exit {outcome.ExitCode}); install clang-14 and libclang-rt-14-dev:{Environment.NewLine}{outcome.Stderr}");
        File.Move(partial, binary, overwrite: true);
        return binary;
    }
}
