using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using McpFuzz.Fuzzer.Coverage;
using Mono.Cecil;
using ModuleDefinition = Mono.Cecil.ModuleDefinition;

namespace McpFuzz.Tests.Coverage;

/// <summary>What the instrumenter writes, and what it refuses.</summary>
public sealed class InstrumenterTests
{
    private static byte[] ModelImage() => File.ReadAllBytes(InstrumentedFiles.Original("McpFuzz.Model"));

    [Fact]
    public void Instrumenting_the_same_input_twice_gives_identical_bytes()
    {
        var (first, firstReport) = Instrumenter.Instrument(ModelImage(), "McpFuzz.Model.dll", ["McpFuzz.Model.Wire"]);
        var (second, secondReport) = Instrumenter.Instrument(ModelImage(), "McpFuzz.Model.dll", ["McpFuzz.Model.Wire"]);
        Assert.Equal(firstReport, secondReport);
        Assert.Equal(first, second);
    }

    [Fact]
    public void The_output_has_its_own_mvid_and_the_trace_type()
    {
        var (image, _) = Instrumenter.Instrument(ModelImage(), "McpFuzz.Model.dll", ["McpFuzz.Model.Wire"]);
        Assert.NotEqual(Mvid(ModelImage()), Mvid(image));
        using var module = ModuleDefinition.ReadModule(new MemoryStream(image));
        var trace = module.GetType(CoverageMap.TraceTypeName);
        Assert.NotNull(trace);
        Assert.Equal("System.IntPtr", trace.Fields.Single(f => f.Name == CoverageMap.MapFieldName).FieldType.FullName);
        Assert.Equal("System.Int32", trace.Fields.Single(f => f.Name == CoverageMap.PrevFieldName).FieldType.FullName);
    }

    [Fact]
    public void Only_types_under_the_include_prefixes_get_probes()
    {
        var (image, wire) = Instrumenter.Instrument(ModelImage(), "McpFuzz.Model.dll", ["McpFuzz.Model.Wire"]);
        var (_, all) = Instrumenter.Instrument(ModelImage(), "McpFuzz.Model.dll", []);
        Assert.True(wire.Probes > wire.Methods && wire.Methods > 0, wire.ToString());
        Assert.True(all.Methods > wire.Methods && all.Probes > wire.Probes, $"{all} vs {wire}");

        using var original = ModuleDefinition.ReadModule(new MemoryStream(ModelImage()));
        using var rewritten = ModuleDefinition.ReadModule(new MemoryStream(image));
        int Size(ModuleDefinition m, string type, string method) =>
            m.GetType(type).Methods.Where(x => x.Name == method && x.HasBody).Sum(x => x.Body.Instructions.Count);
        const string Reader = "McpFuzz.Model.Wire.Sse.SseReader", Explorer = "McpFuzz.Model.Checking.Explorer";
        Assert.True(Size(rewritten, Reader, "Read") > Size(original, Reader, "Read"));
        foreach (var method in original.GetType(Explorer).Methods.Where(m => m.HasBody))
            Assert.Equal(method.Body.Instructions.Count, rewritten.GetType(Explorer).Methods.Single(m => m.FullName == method.FullName).Body.Instructions.Count);
    }

    [Fact]
    public void Instrumenting_twice_is_refused()
    {
        var (image, _) = Instrumenter.Instrument(ModelImage(), "McpFuzz.Model.dll", []);
        var e = Assert.Throws<InstrumentationRefused>(() => Instrumenter.Instrument(image, "McpFuzz.Model.dll", []));
        Assert.Contains("already instrumented", e.Message);
    }

    [Fact]
    public void A_ReadyToRun_framework_assembly_is_refused()
    {
        // The shared framework ships ReadyToRun on Linux; System.Text.Json is one of its assemblies.
        string path = typeof(System.Text.Json.JsonSerializer).Assembly.Location;
        var e = Assert.Throws<InstrumentationRefused>(() => Instrumenter.Instrument(File.ReadAllBytes(path), Path.GetFileName(path), []));
        Assert.Contains("ReadyToRun", e.Message);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("mz-garbage")]
    [InlineData("empty")]
    public void A_file_that_is_not_a_dotnet_assembly_is_refused(string kind)
    {
        byte[] bytes = kind switch
        {
            "text" => "event: message\ndata: {}\n\n"u8.ToArray(),
            "mz-garbage" => [(byte)'M', (byte)'Z', .. new byte[200]],
            _ => [],
        };
        var e = Assert.Throws<InstrumentationRefused>(() => Instrumenter.Instrument(bytes, "input.dll", []));
        Assert.Contains("not a .NET assembly", e.Message);
    }

    [Fact]
    public void A_refused_file_leaves_the_output_path_untouched()
    {
        string dir = InstrumentedFiles.NewDirectory("refused");
        string input = Path.Combine(dir, "in.dll"), output = Path.Combine(dir, "out.dll");
        File.WriteAllText(input, "not an assembly");
        Assert.Throws<InstrumentationRefused>(() => Instrumenter.InstrumentFile(input, output, []));
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(dir));
    }

    private static Guid Mvid(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var reader = pe.GetMetadataReader();
        return reader.GetGuid(reader.GetModuleDefinition().Mvid);
    }
}
