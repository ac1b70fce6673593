using System.Globalization;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>The figures we read from one AFL++ instance's <c>fuzzer_stats</c> file
/// (<c>key : value</c> lines, rewritten by afl-fuzz every few seconds and at exit).</summary>
public sealed record AflStats(long ExecsDone, double ExecsPerSecond, int EdgesFound, int SavedCrashes, double Stability)
{
    public static AflStats? Read(string instanceDirectory)
    {
        var path = Path.Combine(instanceDirectory, "fuzzer_stats");
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
    }

    public static AflStats Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        double Number(params string[] keys)
        {
            foreach (var key in keys)
                if (values.TryGetValue(key, out var v) && double.TryParse(v.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            return 0;
        }
        // AFL++ 4 names the crash count saved_crashes; older versions unique_crashes.
        return new AflStats((long)Number("execs_done"), Number("execs_per_sec"), (int)Number("edges_found"), (int)Number("saved_crashes", "unique_crashes"), Number("stability"));
    }
}
