using System.CommandLine;
using McpFuzz.Driver.Inputs;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz samples</c>: the captures embedded in the tool.</summary>
public static class SamplesCommand
{
    public static Command Create(Terminal terminal)
    {
        var command = new Command("samples", "List the embedded traffic samples (use them with --sample NAME).");
        command.SetAction(_ =>
        {
            foreach (string name in Samples.Names) terminal.Out.WriteLine(name);
            return ExitCodes.Ok;
        });
        return command;
    }
}
