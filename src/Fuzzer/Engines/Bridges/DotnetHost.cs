namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>The <c>dotnet</c> executable that runs a harness or a worker: this process's own when
/// it is one, else the one the SDK names in <c>DOTNET_HOST_PATH</c> (set under <c>dotnet test</c>
/// and builds), else <c>DOTNET_ROOT/dotnet</c>, else the first on PATH. A real path: AFL++ checks
/// that the program exists before starting it.</summary>
public static class DotnetHost
{
    public static string Path => Find() ?? throw new InvalidOperationException("dotnet was not found on PATH");

    /// <summary>The host, or null when none is found.</summary>
    public static string? Find()
    {
        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(System.IO.Path.Combine(root, "dotnet")))
            return System.IO.Path.Combine(root, "dotnet");
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "dotnet"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Quotes one argument for /bin/sh (the libFuzzer bridge runs its harness command there).</summary>
    public static string ShellQuote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
