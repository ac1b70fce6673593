using System.Reflection;
using System.Runtime.InteropServices;

namespace McpFuzz.Fuzzer.Coverage;

/// <summary>
/// The engine's side of AFL-style edge coverage. An instrumented assembly carries its own trace
/// type, <see cref="TraceTypeName"/>, with two static fields: <c>Map</c> (a native pointer to
/// <see cref="Size"/> 8-bit edge counters) and <c>Prev</c> (the previous probe id shifted right by
/// one). Its probes do <c>Map[id ^ Prev]++; Prev = id &gt;&gt; 1</c>. The trace type starts with a
/// private zeroed map of its own, so instrumented code that runs before an engine attaches writes
/// somewhere harmless; <see cref="Attach"/> points it at the engine's map.
/// </summary>
public static unsafe class CoverageMap
{
    /// <summary>The number of edge counters (AFL's MAP_SIZE).</summary>
    public const int Size = 1 << 16;

    /// <summary>The full name of the trace type the instrumenter adds to an assembly.</summary>
    public const string TraceTypeName = "McpFuzz.Coverage.Trace";

    /// <summary>The static field of the trace type holding the map pointer (<c>native int</c>).</summary>
    public const string MapFieldName = "Map";

    /// <summary>The static field of the trace type holding the previous probe id (<c>int32</c>).</summary>
    public const string PrevFieldName = "Prev";

    /// <summary>A fresh zeroed map in native memory; free it with <see cref="Free"/>.</summary>
    public static byte* Allocate() => (byte*)NativeMemory.AllocZeroed(Size);

    public static void Free(byte* map) => NativeMemory.Free(map);

    /// <summary>Whether <paramref name="assembly"/> was instrumented (carries the trace type).</summary>
    public static bool IsInstrumented(Assembly assembly) => assembly.GetType(TraceTypeName) is not null;

    /// <summary>Points the trace of every instrumented assembly among <paramref name="assemblies"/>
    /// at <paramref name="map"/>; returns the traces attached, whose <see cref="AttachedTrace.ResetPrev"/>
    /// an engine calls before each input. An uninstrumented assembly is skipped (the control run of
    /// an engine then sees an empty map).</summary>
    public static IReadOnlyList<AttachedTrace> Attach(byte* map, IEnumerable<Assembly> assemblies)
    {
        var attached = new List<AttachedTrace>();
        foreach (var assembly in assemblies)
        {
            var trace = assembly.GetType(TraceTypeName);
            if (trace is null) continue;
            var mapField = trace.GetField(MapFieldName, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"{assembly.GetName().Name}: {TraceTypeName} has no static {MapFieldName}");
            var prevField = trace.GetField(PrevFieldName, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"{assembly.GetName().Name}: {TraceTypeName} has no static {PrevFieldName}");
            mapField.SetValue(null, (nint)map);
            attached.Add(new AttachedTrace(assembly.GetName().Name ?? "?", prevField));
        }
        return attached;
    }
}

/// <summary>One instrumented assembly's trace, attached to an engine's map.</summary>
public sealed class AttachedTrace(string assemblyName, FieldInfo prevField)
{
    public string AssemblyName { get; } = assemblyName;

    /// <summary>Starts a new input at no previous edge, as AFL does. Reflection is fine here: it
    /// runs once per input, next to a parse that costs far more.</summary>
    public void ResetPrev() => prevField.SetValue(null, 0);
}
