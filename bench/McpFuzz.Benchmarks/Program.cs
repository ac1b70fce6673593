using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using McpFuzz.Benchmarks.Reporting;

namespace McpFuzz.Benchmarks;

/// <summary>BenchmarkDotNet with McpFuzz's throughput columns; every usual argument works
/// (<c>--filter '*'</c>, <c>--job short</c>, <c>--exporters json</c>).</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddColumn(new ThroughputColumn(), new AllocatedPerEventColumn(), new StatesPerSecondColumn())
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
