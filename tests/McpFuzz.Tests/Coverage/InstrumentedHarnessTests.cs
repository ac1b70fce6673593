using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using McpFuzz.Fuzzer.Coverage;

namespace McpFuzz.Tests.Coverage;

/// <summary>The harness directory a supervisor starts fuzz workers from.</summary>
public sealed class InstrumentedHarnessTests
{
    /// <summary>A small stand-in for the program directory: the model, the fuzzer, a config file, a satellite folder.</summary>
    private static string FakeProgram()
    {
        string dir = InstrumentedFiles.NewDirectory("program");
        foreach (string name in new[] { "McpFuzz.Model", "McpFuzz.Fuzzer" })
            File.Copy(InstrumentedFiles.Original(name), Path.Combine(dir, name + ".dll"));
        File.WriteAllText(Path.Combine(dir, "McpFuzz.Model.pdb"), "symbols of the original");
        File.WriteAllText(Path.Combine(dir, "mcpfuzz.runtimeconfig.json"), "{}");
        Directory.CreateDirectory(Path.Combine(dir, "de"));
        File.WriteAllText(Path.Combine(dir, "de", "resources.txt"), "x");
        return dir;
    }

    private static HarnessAssembly[] Assemblies(string program) =>
        [InstrumentedHarness.ModelWire(program), new(InstrumentedFiles.Original("McpFuzz.PlantedBug"), [])];

    [Fact]
    public void Replaces_the_code_under_test_and_copies_the_rest()
    {
        string program = FakeProgram(), cache = InstrumentedFiles.NewDirectory("cache");
        string harness = InstrumentedHarness.Prepare(program, cache, Assemblies(program));

        Assert.True(HasTraceType(Path.Combine(harness, "McpFuzz.Model.dll")));
        Assert.True(HasTraceType(Path.Combine(harness, "McpFuzz.PlantedBug.dll")));
        Assert.False(HasTraceType(Path.Combine(harness, "McpFuzz.Fuzzer.dll")));
        Assert.False(HasTraceType(Path.Combine(program, "McpFuzz.Model.dll")));
        Assert.False(File.Exists(Path.Combine(harness, "McpFuzz.Model.pdb")));
        Assert.Equal("x", File.ReadAllText(Path.Combine(harness, "de", "resources.txt")));
        Assert.Contains("McpFuzz.PlantedBug:", InstrumentedHarness.Describe(harness));
        Assert.Single(Directory.GetDirectories(cache)); // no half-built leftovers
    }

    [Fact]
    public void Unchanged_inputs_reuse_the_directory_and_a_changed_one_makes_another()
    {
        string program = FakeProgram(), cache = InstrumentedFiles.NewDirectory("cache");
        string first = InstrumentedHarness.Prepare(program, cache, Assemblies(program));
        DateTime built = File.GetLastWriteTimeUtc(Path.Combine(first, InstrumentedHarness.CompleteMarker));
        Assert.Equal(first, InstrumentedHarness.Prepare(program, cache, Assemblies(program)));
        Assert.Equal(built, File.GetLastWriteTimeUtc(Path.Combine(first, InstrumentedHarness.CompleteMarker)));

        File.WriteAllText(Path.Combine(program, "mcpfuzz.runtimeconfig.json"), "{ }");
        string second = InstrumentedHarness.Prepare(program, cache, Assemblies(program));
        Assert.NotEqual(first, second);

        string narrower = InstrumentedHarness.Prepare(program, cache, [new(Path.Combine(program, "McpFuzz.Model.dll"), ["McpFuzz.Model.Wire.Sse"])]);
        Assert.NotEqual(second, narrower);
    }

    [Fact]
    public void Processes_preparing_the_same_directory_at_once_agree_on_one()
    {
        string program = FakeProgram(), cache = InstrumentedFiles.NewDirectory("cache");
        var paths = new string[3];
        Parallel.For(0, paths.Length, i => paths[i] = InstrumentedHarness.Prepare(program, cache, Assemblies(program)));
        Assert.Single(paths.Distinct());
        Assert.Single(Directory.GetDirectories(cache));
        Assert.NotNull(InstrumentedHarness.Describe(paths[0]));
    }

    [Fact]
    public void A_cache_inside_the_program_directory_is_not_copied_into_itself()
    {
        string program = FakeProgram();
        string cache = Path.Combine(program, "instrumented");
        string first = InstrumentedHarness.Prepare(program, cache, Assemblies(program));
        Assert.False(Directory.Exists(Path.Combine(first, "instrumented")));
        Assert.Equal(first, InstrumentedHarness.Prepare(program, cache, Assemblies(program)));
    }

    private static bool HasTraceType(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        return reader.TypeDefinitions.Select(reader.GetTypeDefinition)
            .Any(t => reader.GetString(t.Namespace) + "." + reader.GetString(t.Name) == CoverageMap.TraceTypeName);
    }
}
