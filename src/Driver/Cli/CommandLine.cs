using System.CommandLine;
using McpFuzz.Driver.Decode;

namespace McpFuzz.Driver.Cli;

/// <summary>The <c>mcpfuzz</c> command line: builds the commands, and turns every way of failing
/// into one line on standard error and an exit code (2 for the user's mistakes).</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args, Terminal terminal)
    {
        RootCommand root = Build(terminal);
        var configuration = new InvocationConfiguration
        {
            Output = terminal.Out,
            Error = terminal.Error,
            EnableDefaultExceptionHandler = false,
        };

        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = terminal.Error, Error = terminal.Error });
            return ExitCodes.Usage;
        }

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line, whatever the parser wrote (enum errors list the choices on several lines).
            string message = string.Join(' ', parse.Errors[0].Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));
            await terminal.Error.WriteLineAsync($"mcpfuzz: {message} (see mcpfuzz --help)");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(configuration);
        }
        catch (UsageException e)
        {
            await terminal.Error.WriteLineAsync($"mcpfuzz: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            await terminal.Error.WriteLineAsync($"mcpfuzz: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (UnauthorizedAccessException e)
        {
            await terminal.Error.WriteLineAsync($"mcpfuzz: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await terminal.Error.WriteLineAsync("mcpfuzz: cancelled");
            return 130;
        }
        catch (Exception e)
        {
            await terminal.Error.WriteLineAsync($"mcpfuzz: internal error: {e.GetType().Name}: {e.Message}");
            await terminal.Error.WriteLineAsync(e.StackTrace);
            return ExitCodes.InternalError;
        }
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<Stream> openInput) =>
        RunAsync(args, new Terminal(output, error, openInput));

    private static RootCommand Build(Terminal terminal) => new("McpFuzz: model checker and fuzzer for the transports and session lifecycles of the Model Context Protocol.")
    {
        DecodeCommands.Create(terminal),
        RulesCommand.Create(terminal),
        CheckCommand.Create(terminal),
        ModelCommand.Create(terminal),
        ServeReferenceCommand.Create(terminal),
        ServerCommand.Create(terminal),
        ClientCommand.Create(terminal),
        ProxyCommand.Create(terminal),
        ReplayCommand.Create(terminal),
        TraceCommand.Create(terminal),
        SamplesCommand.Create(terminal),
        InstrumentCommand.Create(terminal),
        FuzzCommand.Create(terminal),
        NightlyCommand.Create(terminal),
        FuzzWorkerCommand.Create(terminal),
        FuzzReplayCommand.Create(terminal),
        FuzzRunCommand.Create(terminal),
        FuzzHarnessCommand.Create(terminal),
    };
}
