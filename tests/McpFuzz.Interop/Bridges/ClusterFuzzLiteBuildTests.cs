using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Bridges;

/// <summary>
/// Runs <c>.clusterfuzzlite/build.sh</c> the way the OSS-Fuzz builder image would (Docker does not
/// run here): on a copy of the sources under <c>$SRC/mcpfuzz</c>, with clang-14 and libFuzzer
/// standing in for the image's compiler, then runs one produced fuzzer on its seed corpus as
/// ClusterFuzzLite would. The harness is published self-contained, as for the runner images.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ClusterFuzzLiteBuildTests : IDisposable
{
    private static readonly string[] Fuzzers = ["sse_chunked_fuzzer", "sse_differential_fuzzer", "jsonrpc_classifier_fuzzer", "http_headers_fuzzer"];

    private readonly string root = Directory.CreateTempSubdirectory("mcpfuzz-cflite-").FullName;
    private string Src => Path.Combine(root, "src");
    private string Out => Path.Combine(root, "out");
    private string Work => Path.Combine(root, "work");
    private string Repo => Path.Combine(Src, "mcpfuzz");

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public async Task BuildShProducesFuzzersThatRunInstrumentedInputs()
    {
        CopySources();
        Directory.CreateDirectory(Out);
        Directory.CreateDirectory(Work);

        var build = new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(Repo, ".clusterfuzzlite", "build.sh") }, WorkingDirectory = Repo };
        build.Environment["SRC"] = Src;
        build.Environment["OUT"] = Out;
        build.Environment["WORK"] = Work;
        build.Environment["CC"] = "clang-14";
        build.Environment["CXX"] = "clang++-14";
        build.Environment["CFLAGS"] = "-fsanitize=fuzzer-no-link";
        build.Environment["CXXFLAGS"] = "-fsanitize=fuzzer-no-link";
        build.Environment["LIB_FUZZING_ENGINE"] = "-fsanitize=fuzzer";
        var built = await BoundedProcess.RunAsync(build, TimeSpan.FromMinutes(10));
        Assert.True(built.ExitCode == 0, $"build.sh failed ({built.ExitCode}):{Environment.NewLine}{built.Stdout}{built.Stderr}");

        Assert.True(File.Exists(Path.Combine(Out, "mcpfuzz", "mcpfuzz")), "the self-contained harness is missing");
        Assert.False(File.Exists(Path.Combine(Out, "mcpfuzz", "McpFuzz.Model.dll.orig")), "the uninstrumented backup was left in $OUT");
        foreach (string fuzzer in Fuzzers)
        {
            string wrapper = Path.Combine(Out, fuzzer);
            Assert.True(File.Exists(wrapper), $"{fuzzer} is missing");
            Assert.True(File.GetUnixFileMode(wrapper).HasFlag(UnixFileMode.UserExecute), $"{fuzzer} is not executable");
            // OSS-Fuzz takes an executable in $OUT for a fuzzer only when it holds this name.
            Assert.Contains("LLVMFuzzerTestOneInput", File.ReadAllText(wrapper), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Out, fuzzer + ".launcher")), $"{fuzzer}.launcher is missing");
            Assert.True(new FileInfo(Path.Combine(Out, fuzzer + ".dict")).Length > 0, $"{fuzzer}.dict is empty");
            using var seeds = ZipFile.OpenRead(Path.Combine(Out, fuzzer + "_seed_corpus.zip"));
            string corpus = Path.Combine(Repo, "corpus", fuzzer[..^"_fuzzer".Length].Replace('_', '-'));
            Assert.Equal(Directory.GetFiles(corpus).Length, seeds.Entries.Count);
        }

        // As ClusterFuzzLite runs it: from the unpacked seed corpus, with the dictionary.
        string seedDir = Path.Combine(root, "seeds");
        ZipFile.ExtractToDirectory(Path.Combine(Out, "sse_chunked_fuzzer_seed_corpus.zip"), seedDir);
        var run = new ProcessStartInfo(Path.Combine(Out, "sse_chunked_fuzzer"))
        {
            ArgumentList = { "-runs=2000", "-seed=1", $"-dict={Path.Combine(Out, "sse_chunked_fuzzer.dict")}", seedDir },
            WorkingDirectory = root,
        };
        var fuzzed = await BoundedProcess.RunAsync(run, TimeSpan.FromMinutes(3));
        string log = fuzzed.Stdout + fuzzed.Stderr;
        Assert.True(fuzzed.ExitCode == 0, $"the fuzzer failed ({fuzzed.ExitCode}):{Environment.NewLine}{log}");
        Assert.Contains("Done 2000 runs", log, StringComparison.Ordinal);
        // The bridge alone gives a handful of features; hundreds mean the instrumented parser's
        // edges reach libFuzzer through the shared map.
        var features = FinalFeatures().Matches(log);
        Assert.NotEmpty(features);
        Assert.True(int.Parse(features[^1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 100, $"too few features, is the harness instrumented?{Environment.NewLine}{log}");
    }

    /// <summary>A fresh checkout's worth of what the build reads, as the Dockerfile copies it to $SRC/mcpfuzz.</summary>
    private void CopySources()
    {
        string from = Peers.RepositoryRoot;
        foreach (string file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
            CopyInto(Path.Combine(from, file), Path.Combine(Repo, file));
        foreach (string dir in new[] { ".clusterfuzzlite", "corpus", Path.Combine("src", "Model"), Path.Combine("src", "Fuzzer"), Path.Combine("src", "Driver") })
            CopyTree(Path.Combine(from, dir), Path.Combine(Repo, dir));
    }

    private static void CopyTree(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            string first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj") continue;
            CopyInto(file, Path.Combine(to, relative));
        }
    }

    private static void CopyInto(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    [GeneratedRegex(@"DONE\s+cov: \d+ ft: (\d+)")]
    private static partial Regex FinalFeatures();
}
