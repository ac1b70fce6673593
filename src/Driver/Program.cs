using McpFuzz.Driver.Cli;

namespace McpFuzz.Driver;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        // JSON Lines go out as UTF-8 whatever the locale says.
        Console.OutputEncoding = new System.Text.UTF8Encoding(false);
        return CommandLine.RunAsync(args, new Terminal(Console.Out, Console.Error, Console.OpenStandardInput, ErrorIsInteractive: !Console.IsErrorRedirected));
    }
}
