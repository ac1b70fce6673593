using System.Runtime.InteropServices;

// The trace type an instrumented assembly carries (see CoverageMap), written by hand so that the
// engine's self-test targets report coverage exactly as instrumented code would. Because of it,
// this assembly counts as instrumented: never give McpFuzz.Fuzzer to the instrumenter.
namespace McpFuzz.Coverage
{
    public static unsafe class Trace
    {
        public static nint Map = (nint)NativeMemory.AllocZeroed(McpFuzz.Fuzzer.Coverage.CoverageMap.Size);
        public static int Prev;
    }
}

namespace McpFuzz.Fuzzer.Targets.SelfTest
{
    /// <summary>The probe the instrumenter injects, for hand-covered targets.</summary>
    internal static unsafe class Probe
    {
        public static void Hit(int id)
        {
            var map = (byte*)McpFuzz.Coverage.Trace.Map;
            map[(id ^ McpFuzz.Coverage.Trace.Prev) & 0xFFFF]++;
            McpFuzz.Coverage.Trace.Prev = id >> 1;
        }
    }
}
