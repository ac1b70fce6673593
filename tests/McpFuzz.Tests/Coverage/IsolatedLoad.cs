using System.Reflection;
using System.Runtime.Loader;

namespace McpFuzz.Tests.Coverage;

/// <summary>
/// A load context that takes the named assemblies from the given files (an instrumented copy, and
/// whatever must bind to it) and everything else from the default context, so that types such as
/// IFuzzTarget stay shared while the code under test is the instrumented copy.
/// </summary>
public sealed class IsolatedLoad(IReadOnlyDictionary<string, string> files) : AssemblyLoadContext("instrumented", isCollectible: false)
{
    public Assembly Get(string name) => LoadFromAssemblyName(new AssemblyName(name));

    protected override Assembly? Load(AssemblyName name) =>
        name.Name is { } n && files.TryGetValue(n, out string? path) ? LoadFromAssemblyPath(path) : null;
}
