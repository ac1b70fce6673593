using McpFuzz.Tests.Cli;

namespace McpFuzz.Tests.Coverage;

/// <summary><c>mcpfuzz instrument</c> end to end, in-process.</summary>
public sealed class InstrumentCommandTests
{
    [Fact]
    public void Writes_to_the_output_and_reports_the_probes()
    {
        string dir = InstrumentedFiles.NewDirectory("cli");
        string output = Path.Combine(dir, "McpFuzz.Model.dll");
        var result = CliRunner.Run("instrument", InstrumentedFiles.Original("McpFuzz.Model"), "--include", "McpFuzz.Model.Wire", "--output", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"McpFuzz.Model: \d+ probes in \d+ methods of \d+ types \(types under McpFuzz.Model.Wire\)", result.Out);
        Assert.True(File.Exists(output));

        var again = CliRunner.Run("instrument", output);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already instrumented", again.Error);
    }

    [Fact]
    public void In_place_keeps_the_original_beside_it()
    {
        string dir = InstrumentedFiles.NewDirectory("cli-in-place");
        string assembly = Path.Combine(dir, "McpFuzz.PlantedBug.dll");
        File.Copy(InstrumentedFiles.Original("McpFuzz.PlantedBug"), assembly);
        byte[] original = File.ReadAllBytes(assembly);
        File.WriteAllText(assembly + ".orig", "a backup left by an earlier build");

        var result = CliRunner.Run("instrument", assembly);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(original, File.ReadAllBytes(assembly + ".orig"));
        Assert.NotEqual(original, File.ReadAllBytes(assembly));
        Assert.Equal(2, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public void A_file_that_cannot_be_instrumented_is_a_usage_error()
    {
        var missing = CliRunner.Run("instrument", "/nonexistent/Nothing.dll");
        Assert.Equal(2, missing.ExitCode);

        var readyToRun = CliRunner.Run("instrument", typeof(System.Text.Json.JsonSerializer).Assembly.Location, "--output", Path.Combine(InstrumentedFiles.NewDirectory("cli-r2r"), "x.dll"));
        Assert.Equal(2, readyToRun.ExitCode);
        Assert.Contains("ReadyToRun", readyToRun.Error);
    }
}
