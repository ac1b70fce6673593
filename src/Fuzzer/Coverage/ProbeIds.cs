using System.Text;

namespace McpFuzz.Fuzzer.Coverage;

/// <summary>
/// The 16-bit probe ids of one assembly: a SplitMix64 stream seeded from the assembly's name, drawn
/// in metadata order (types, then methods, then probe sites in IL order). The same assembly thus
/// gets the same ids every time, so coverage maps of two runs, or two machines, are comparable.
/// </summary>
public sealed class ProbeIds
{
    private ulong _state;

    public ProbeIds(string assemblyName)
    {
        // FNV-1a over the UTF-8 name: stable across processes, unlike string.GetHashCode.
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(assemblyName))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        _state = hash;
    }

    public int Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & (CoverageMap.Size - 1));
    }
}
