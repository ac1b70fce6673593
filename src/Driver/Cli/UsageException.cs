namespace McpFuzz.Driver.Cli;

/// <summary>Bad input from the user (an argument, a file it names). Reported as one line, exit 2.</summary>
public sealed class UsageException(string message) : Exception(message);
