using System.Reflection;
using McpFuzz.Driver.Cli;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>
/// The targets <c>mcpfuzz fuzz</c> can run: the built-in ones (<see cref="FuzzTargets.All"/>) and
/// those of an assembly given with <c>--targets</c> — code of the user's own (or the test-only
/// planted bug), every public non-abstract <see cref="IFuzzTarget"/> with a parameterless
/// constructor. Such an assembly is instrumented whole in the harness, since it is the code under test.
/// </summary>
public sealed class TargetCatalog
{
    private TargetCatalog(IReadOnlyList<IFuzzTarget> targets, string? assemblyPath)
    {
        All = targets;
        AssemblyPath = assemblyPath;
    }

    public IReadOnlyList<IFuzzTarget> All { get; }

    /// <summary>The full path of the <c>--targets</c> assembly, or null.</summary>
    public string? AssemblyPath { get; }

    public static TargetCatalog Open(string? assemblyPath)
    {
        if (assemblyPath is null) return new TargetCatalog(FuzzTargets.All, null);
        string path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path)) throw new UsageException($"--targets: '{assemblyPath}' does not exist");
        Assembly assembly;
        try { assembly = Assembly.LoadFrom(path); }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or IOException) { throw new UsageException($"--targets: cannot load '{assemblyPath}': {e.Message}"); }
        Type[] types;
        try { types = assembly.GetExportedTypes(); }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException) { throw new UsageException($"--targets: '{assemblyPath}': {e.Message}"); }
        var own = types
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFuzzTarget).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IFuzzTarget)Activator.CreateInstance(t)!)
            .ToArray();
        if (own.Length == 0) throw new UsageException($"--targets: '{assemblyPath}' has no public IFuzzTarget with a parameterless constructor");
        return new TargetCatalog([.. own, .. FuzzTargets.All], path);
    }

    /// <summary>The target called <paramref name="name"/>; the assembly's own come first.</summary>
    public IFuzzTarget Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))
        ?? throw new UsageException($"TARGET: no target '{name}' (mcpfuzz fuzz --list{(AssemblyPath is null ? "" : " --targets ...")} shows them)");

    /// <summary>Whether <paramref name="target"/> comes from the <c>--targets</c> assembly.</summary>
    public bool IsOwn(IFuzzTarget target) => AssemblyPath is not null && string.Equals(target.GetType().Assembly.Location, AssemblyPath, StringComparison.Ordinal);
}
