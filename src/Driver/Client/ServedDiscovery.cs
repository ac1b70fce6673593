using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Client;

/// <summary>What the discovery of a client against a protected reference server came to: the probes
/// it made in order, and the first departure from the conforming discovery of its revision (null
/// when there is none); or why it was not judged.</summary>
public sealed record ServedDiscoveryVerdict(IReadOnlyList<ProbeRequest> Probes, DiscoveryDivergence? Divergence, string? NotJudged);

/// <summary>
/// Reads a client's authorization discovery out of what the protected reference server saw: each
/// request named as a discovery probe (<see cref="ProbeUrls.Classify"/>), the MCP requests that drew
/// 401s counted once, and judged by <see cref="DiscoveryOracle"/> for the client's revision against
/// the deployment the server published. Discovery ends where the client uses the endpoints of the
/// metadata (registration, token) or, having fetched the metadata, sends the user to authorize,
/// which the server cannot see: a client that fetched authorization server metadata and then went
/// quiet has found its endpoints.
/// </summary>
public static class ServedDiscovery
{
    private static readonly string[] EndpointPaths = ["/authorize", "/token", "/register"];

    public static ServedDiscoveryVerdict Judge(IReadOnlyList<WireExchange> exchanges, ProbeUrls urls, Deployment deployment, PeerRevision client)
    {
        var probes = new List<ProbeRequest>();
        bool afterPrm = false;
        bool afterAs = false;
        foreach (var exchange in exchanges.OrderBy(e => e.Index))
        {
            var url = new Uri(exchange.Request.Url);
            var probe = afterAs && EndpointPaths.Contains(url.AbsolutePath) ? Probe.AsEndpoints : urls.Classify(url, afterPrm);
            if (probe == Probe.None) continue;
            if (probe == Probe.McpEndpoint)
            {
                // The 401 is drawn once; a client that comes back to the endpoint after the metadata is done discovering.
                if (afterAs || afterPrm) break;
                if (probes.Count > 0) continue;
            }

            afterPrm |= probe.IsPrm();
            afterAs |= probe.IsAsMetadata() && exchange.Response is { Status: 200 };
            probes.Add(new ProbeRequest(probe, exchange.Request.Headers.Get(HeaderNames.ProtocolVersion) is not null));
            if (probe.IsTerminal()) break;
        }

        if (probes.Count <= 1)
            return new ServedDiscoveryVerdict(probes, null, probes.Count == 0 ? "the client sent nothing to the protected endpoint" : "the client did not try to authorize (no discovery request after the 401)");
        if (afterAs && !probes[^1].Probe.IsTerminal()) probes.Add(Probe.AsEndpoints);
        return new ServedDiscoveryVerdict(probes, DiscoveryOracle.Judge(client, deployment, probes), null);
    }
}
