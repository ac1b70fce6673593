using McpFuzz.Driver.Cli;
using McpFuzz.Driver.CoverageFuzz;
using McpFuzz.Fuzzer.Engines.Bridges;

namespace McpFuzz.Tests.Cli;

/// <summary><c>mcpfuzz fuzz-harness</c> is started by engines, not people: hidden from help, and it
/// refuses to run outside its engine instead of waiting on descriptors nobody opened.</summary>
public class FuzzHarnessCommandTests
{
    [Fact]
    public void TheHarnessCommandIsHiddenFromHelp()
    {
        var help = CliRunner.Run("--help");
        Assert.DoesNotContain("fuzz-harness", help.Out);
    }

    [Fact]
    public void AnUnknownTargetIsAUsageError()
    {
        var result = CliRunner.Run("fuzz-harness", "no-such-target", "--protocol", "afl");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no target 'no-such-target'", result.Error);
    }

    [Theory]
    [InlineData("afl", AflForkServerHarness.ShmEnv)]
    [InlineData("libfuzzer", LibFuzzerBridgeHarness.ShmEnv)]
    public void OutsideItsEngineTheHarnessSaysWhatIsMissing(string protocol, string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is not null) return;
        var result = CliRunner.Run("fuzz-harness", "sse-chunked", "--protocol", protocol);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(variable, result.Error);
    }

    [Fact]
    public void ATargetIsFoundByNameAmongTheBuiltInOnes()
    {
        Assert.Equal("sse-chunked", TargetCatalog.Open(null).Find("sse-chunked").Name);
        Assert.Throws<UsageException>(() => TargetCatalog.Open(null).Find("hand-covered-magic"));
    }
}
