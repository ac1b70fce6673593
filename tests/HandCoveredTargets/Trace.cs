using System.Runtime.InteropServices;

namespace McpFuzz.Coverage;

/// <summary>The trace type an instrumented assembly carries (<c>CoverageMap.TraceTypeName</c>),
/// written by hand: <c>CoverageMap.Attach</c> finds it here exactly as it finds the injected one.</summary>
public static unsafe class Trace
{
    /// <summary>A private zeroed map until an engine attaches its own.</summary>
    public static nint Map = (nint)NativeMemory.AllocZeroed(1 << 16);

    public static int Prev;

    /// <summary>The probe the instrumenter inserts, <c>Map[id ^ Prev]++; Prev = id &gt;&gt; 1</c>.</summary>
    public static void Hit(int id)
    {
        byte* map = (byte*)Map;
        map[(id ^ Prev) & 0xFFFF]++;
        Prev = id >> 1;
    }
}
