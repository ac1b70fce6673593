using System.Net;
using McpFuzz.Driver.Proxy;
using McpFuzz.Driver.Reports;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Tests.Driver.Proxy;

/// <summary>A checking proxy on 127.0.0.1 in front of <paramref name="upstream"/>, keeping the findings it reports live.</summary>
public sealed class ProxyHarness : IAsyncDisposable
{
    private readonly List<Finding> _live = [];

    private ProxyHarness()
    {
    }

    public CheckingProxy Proxy { get; private set; } = null!;

    public IReadOnlyList<Finding> Live
    {
        get
        {
            lock (_live) return _live.ToArray();
        }
    }

    public static async Task<ProxyHarness> StartAsync(Uri upstream, IReadOnlyList<ProxyFault>? faults = null, Revision revision = Revision.V2025_11_25, int seed = 1, McpFuzz.Driver.Wire.WireLogWriter? log = null)
    {
        var harness = new ProxyHarness();
        var judging = new ProxyJudging(revision, NoClientSideJudges.Instance, (_, f) =>
        {
            lock (harness._live) harness._live.Add(f);
        });
        harness.Proxy = await CheckingProxy.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), upstream, judging, new FaultPlan(faults ?? [], seed), log);
        return harness;
    }

    /// <summary>Stops the proxy (letting every exchange under way finish and be judged) and reports.</summary>
    public async Task<RunReport> StopAsync()
    {
        await Proxy.DisposeAsync();
        return Proxy.Judging.Report(Proxy.Url.AbsoluteUri, DateTimeOffset.UtcNow, TimeSpan.Zero);
    }

    public ValueTask DisposeAsync() => Proxy.DisposeAsync();
}
