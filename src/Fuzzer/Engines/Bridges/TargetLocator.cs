using System.Reflection;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>Finds a target by name: among <see cref="FuzzTargets.All"/>, or, when an assembly is
/// named, among its public <see cref="IFuzzTarget"/> types with a parameterless constructor (how a
/// test-only target, such as a planted bug, reaches a harness running in another process).</summary>
public static class TargetLocator
{
    public static IFuzzTarget? Find(string name, string? assemblyPath)
    {
        if (assemblyPath is null) return FuzzTargets.Find(name);
        var assembly = Assembly.LoadFrom(Path.GetFullPath(assemblyPath));
        return assembly.GetExportedTypes()
            .Where(t => typeof(IFuzzTarget).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IFuzzTarget)Activator.CreateInstance(t)!)
            .FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
    }
}
