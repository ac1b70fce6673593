using McpFuzz.Tests.Cli;
using McpFuzz.Driver.Cli;
using McpFuzz.HandCoveredTargets;

namespace McpFuzz.Tests.Engines;

/// <summary><c>mcpfuzz fuzz --reproduce/--minimize</c> on inputs that kill the process running
/// them (stack overflow, hang): they run in a child, so the command, which here runs inside the
/// test host, survives and reports the death with the signature a campaign gives it.</summary>
[Collection(EngineCollection.Name)]
public sealed class ReplayKillersTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mcpfuzz-killers-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly string[] SelfTests = ["--targets", Path.Combine(AppContext.BaseDirectory, "McpFuzz.HandCoveredTargets.dll")];

    private string Input(string name, byte[] bytes)
    {
        string file = Path.Combine(directory, name);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    private static string CrashLine(string output) => output.Split('\n').Single(l => l.StartsWith("CRASH ", StringComparison.Ordinal));

    [Fact]
    public async Task A_stack_overflow_is_reproduced_with_its_signature_and_exit_1()
    {
        string file = Input("overflow", [.. StackOverflowTarget.Magic, .. "padding"u8]);

        var (exit, output, _) = await CliRunner.RunAsync(["fuzz", "selftest-overflow", .. SelfTests, "--reproduce", file]);

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("reproduced: stack overflow", output);
        // The signature a campaign's supervisor gives the same death.
        Assert.EndsWith(": stack overflow at McpFuzz.HandCoveredTargets.StackOverflowTarget.Recurse < McpFuzz.HandCoveredTargets.StackOverflowTarget.Run", CrashLine(output).TrimEnd());
    }

    [Fact]
    public async Task A_hang_is_reproduced_as_a_timeout_and_exit_1()
    {
        string file = Input("hang", [.. HangTarget.Magic, .. "x"u8]);

        var (exit, output, _) = await CliRunner.RunAsync(["fuzz", "selftest-hang", .. SelfTests, "--timeout", "200", "--reproduce", file]);

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("reproduced: timeout (an input ran over 200 ms)", output);
        Assert.Contains(": timeout (an input ran over 200 ms)", CrashLine(output));
    }

    [Fact]
    public async Task A_harmless_input_reports_no_crash_and_exit_0()
    {
        string file = Input("harmless", "S-O and HANG later"u8.ToArray());

        var (exit, output, _) = await CliRunner.RunAsync(["fuzz", "selftest-overflow", .. SelfTests, "--reproduce", file]);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("no crash: selftest-overflow handled the 18-byte input", output);

        (exit, output, _) = await CliRunner.RunAsync(["fuzz", "selftest-hang", .. SelfTests, "--timeout", "200", "--minimize", file, "--crashes", Path.Combine(directory, "none")]);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("nothing to minimize", output);
        Assert.False(Directory.Exists(Path.Combine(directory, "none")));
    }

    [Theory]
    // The runtime's report of a stack overflow takes a while on a busy machine: its timeout is
    // generous, so the watchdog never gets there first; the hang's is short, to keep the test quick.
    [InlineData("selftest-overflow", "SO", 30, "10000")]
    [InlineData("selftest-hang", "HANG", 6, "200")]
    public async Task Minimize_shrinks_a_killing_input_that_still_kills_with_the_same_signature(string target, string magic, int padding, string timeout)
    {
        byte[] padded = [.. System.Text.Encoding.ASCII.GetBytes(magic), .. Enumerable.Repeat((byte)'p', padding)];
        string file = Input("killer", padded);
        string crashes = Path.Combine(directory, "min");
        string[] common = ["fuzz", target, .. SelfTests, "--timeout", timeout];
        var (_, before, _) = await CliRunner.RunAsync([.. common, "--reproduce", file]);

        var (exit, output, error) = await CliRunner.RunAsync([.. common, "--minimize", file, "--crashes", crashes]);

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}: {output}{error}");
        string minimized = Assert.Single(Directory.GetFiles(crashes, "minimized-*"));
        byte[] smaller = File.ReadAllBytes(minimized);
        Assert.True(smaller.Length < padded.Length, $"{smaller.Length} bytes: {output}");
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(magic), smaller);
        Assert.Contains($"minimized {padded.Length} -> {smaller.Length} bytes", output);
        // Each candidate that killed the child cost one start; those that passed kept it alive.
        Assert.Matches(@"\d+ candidates, \d+ replay processes", output);

        var (again, after, _) = await CliRunner.RunAsync([.. common, "--reproduce", minimized]);
        Assert.Equal(ExitCodes.Findings, again);
        Assert.Equal(CrashLine(before), CrashLine(after));
    }

    [Fact]
    public async Task An_ordinary_exception_is_still_reproduced_with_its_stack()
    {
        string file = Input("magic", [.. PlantedMagicTarget.Magic, .. "junk"u8]);

        var (exit, output, _) = await CliRunner.RunAsync(["fuzz", "selftest-magic", .. SelfTests, "--reproduce", file]);

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("CRASH", output);
        Assert.Contains("System.InvalidOperationException: planted magic reached (9 bytes)", output);
        Assert.DoesNotContain("reproduced:", output);
    }
}
