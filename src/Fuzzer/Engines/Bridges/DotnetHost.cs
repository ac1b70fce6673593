namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>The <c>dotnet</c> executable that runs the harness: the one the SDK names in
/// <c>DOTNET_HOST_PATH</c> (set under <c>dotnet test</c> and builds), else the first on PATH.
/// AFL++ needs a real path (it checks the program exists before starting it).</summary>
public static class DotnetHost
{
    public static string Path => Find() ?? throw new InvalidOperationException("dotnet was not found on PATH");

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "dotnet"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Quotes one argument for /bin/sh (the libFuzzer bridge runs its harness command there).</summary>
    public static string ShellQuote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
