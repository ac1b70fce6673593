using System.Globalization;
using System.Text.RegularExpressions;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>The figures we read from libFuzzer's standard error: status lines such as
/// <c>#40960 pulse cov: 31 ft: 40 corp: 6/30b lim: 4 exec/s: 13653 rss: 40Mb</c>, and with
/// <c>-print_final_stats=1</c> the <c>stat::number_of_executed_units</c> and
/// <c>stat::average_exec_per_sec</c> lines it prints as it ends (also on a crash).</summary>
public static partial class LibFuzzerLog
{
    public sealed record Figures(long Executions, double ExecsPerSecond, int Coverage);

    [GeneratedRegex(@"^#(\d+)\s+\S+\s+cov: (\d+)(?:.*exec/s: (\d+))?", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^stat::(\w+):\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex FinalStat();

    public static Figures Parse(string stderr)
    {
        long executions = 0;
        double execsPerSecond = 0;
        int coverage = 0;
        foreach (Match m in StatusLine().Matches(stderr))
        {
            executions = Math.Max(executions, long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            coverage = Math.Max(coverage, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            if (m.Groups[3].Success) execsPerSecond = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        }
        // In -fork mode each stat block is one worker's; the totals are the status lines'.
        foreach (Match m in FinalStat().Matches(stderr))
        {
            long value = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (m.Groups[1].Value == "number_of_executed_units" && value > executions) executions = value;
            if (m.Groups[1].Value == "average_exec_per_sec" && execsPerSecond == 0) execsPerSecond = value;
        }
        return new Figures(executions, execsPerSecond, coverage);
    }
}
