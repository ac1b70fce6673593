using System.Security.Cryptography;
using System.Text;

namespace McpFuzz.Fuzzer.Coverage;

/// <summary>An assembly to instrument in a harness directory: the build output at
/// <paramref name="SourcePath"/>, restricted to types under <paramref name="Include"/> (all when empty).</summary>
public sealed record HarnessAssembly(string SourcePath, IReadOnlyList<string> Include)
{
    public string FileName => Path.GetFileName(SourcePath);
}

/// <summary>
/// A copy of the program directory (the built <c>mcpfuzz</c>, <see cref="AppContext.BaseDirectory"/>)
/// in which the code under test is replaced by instrumented assemblies, for a supervisor to start
/// <c>dotnet DIR/mcpfuzz.dll fuzz-worker ...</c> from. Assemblies from outside the program
/// directory (a test-only target such as <c>McpFuzz.PlantedBug</c>) are instrumented into it too.
/// Directories live in a cache keyed by a hash of every input (the program's files, the
/// assemblies, their include lists), so an unchanged build reuses the same directory; each one is
/// assembled under a temporary name and renamed into place, so a reader never sees half of one.
/// </summary>
public static class InstrumentedHarness
{
    /// <summary>Written last into a finished directory: its presence is what "complete" means.</summary>
    public const string CompleteMarker = "mcpfuzz-instrumented.txt";

    /// <summary>Bump when the instrumenter's output changes for the same input, to retire cached directories.</summary>
    private const string FormatVersion = "instrument-1";

    /// <summary>Where harness directories are kept unless told otherwise: the user's cache
    /// directory (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>), under <c>mcpfuzz/instrumented</c>.</summary>
    public static string DefaultCacheDirectory()
    {
        string? root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(root))
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            root = string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
        }

        return Path.Combine(root, "mcpfuzz", "instrumented");
    }

    /// <summary>The parsers under test: <c>McpFuzz.Model</c> of <paramref name="programDirectory"/>,
    /// only its <c>McpFuzz.Model.Wire</c> namespaces (the model checker itself is not fuzzed).</summary>
    public static HarnessAssembly ModelWire(string programDirectory) =>
        new(Path.Combine(programDirectory, "McpFuzz.Model.dll"), ["McpFuzz.Model.Wire"]);

    /// <summary>Returns the harness directory for these inputs, building it if the cache has none.
    /// Throws <see cref="InstrumentationRefused"/> if an assembly cannot be instrumented.</summary>
    public static string Prepare(string programDirectory, string cacheDirectory, IReadOnlyList<HarnessAssembly> assemblies)
    {
        string program = Path.GetFullPath(programDirectory);
        string cache = Path.GetFullPath(cacheDirectory);
        if (!File.Exists(Path.Combine(program, "mcpfuzz.dll")) && !Directory.EnumerateFiles(program, "*.dll").Any())
            throw new DirectoryNotFoundException($"{program}: not a program directory (no assemblies)");
        foreach (var a in assemblies)
            if (!File.Exists(a.SourcePath)) throw new FileNotFoundException($"{a.SourcePath}: no such assembly", a.SourcePath);

        string final = Path.Combine(cache, "harness-" + Key(program, cache, assemblies));
        if (File.Exists(Path.Combine(final, CompleteMarker))) return final;

        Directory.CreateDirectory(cache);
        string building = Path.Combine(cache, $".building-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            CopyDirectory(program, building, skip: cache);
            var summary = new StringBuilder($"Instrumented copy of {program}\n");
            foreach (var a in assemblies)
            {
                string destination = Path.Combine(building, a.FileName);
                var report = Instrumenter.InstrumentFile(a.SourcePath, destination, a.Include);
                // The original's symbols describe other IL; a stale pdb only misleads stack traces.
                File.Delete(Path.ChangeExtension(destination, ".pdb"));
                summary.Append($"{report.AssemblyName}: {report.Probes} probes in {report.Methods} methods ({(a.Include.Count == 0 ? "all types" : string.Join(", ", a.Include))})\n");
            }

            File.WriteAllText(Path.Combine(building, CompleteMarker), summary.ToString());
            // Another process may have finished the same directory meanwhile: theirs is identical, keep it.
            if (File.Exists(Path.Combine(final, CompleteMarker))) return final;
            // Directories are renamed in whole, so one without the marker was damaged by hand.
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            try
            {
                Directory.Move(building, final);
            }
            catch (IOException) when (File.Exists(Path.Combine(final, CompleteMarker)))
            {
                // Another process finished the same directory first; theirs is identical.
            }

            return final;
        }
        finally
        {
            if (Directory.Exists(building)) Directory.Delete(building, recursive: true);
        }
    }

    /// <summary>What a harness directory reports about itself (the marker's text), or null if it is incomplete.</summary>
    public static string? Describe(string harnessDirectory)
    {
        string marker = Path.Combine(harnessDirectory, CompleteMarker);
        return File.Exists(marker) ? File.ReadAllText(marker) : null;
    }

    private static string Key(string program, string cache, IReadOnlyList<HarnessAssembly> assemblies)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        void AddFile(string path)
        {
            using var stream = File.OpenRead(path);
            Add(Convert.ToHexString(SHA256.HashData(stream)));
        }

        Add(FormatVersion);
        foreach (string file in ProgramFiles(program, cache).Order(StringComparer.Ordinal))
        {
            Add(Path.GetRelativePath(program, file));
            AddFile(file);
        }

        foreach (var a in assemblies)
        {
            Add(a.FileName);
            Add(string.Join('\u0001', a.Include));
            AddFile(a.SourcePath);
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..20].ToLowerInvariant();
    }

    private static IEnumerable<string> ProgramFiles(string program, string cache) =>
        Directory.EnumerateFiles(program, "*", SearchOption.AllDirectories).Where(f => !IsUnder(f, cache));

    private static bool IsUnder(string path, string directory) =>
        path.StartsWith(directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static void CopyDirectory(string from, string to, string skip)
    {
        Directory.CreateDirectory(to);
        foreach (string file in ProgramFiles(from, skip))
        {
            string destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
