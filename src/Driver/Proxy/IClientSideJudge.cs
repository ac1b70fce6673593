using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;

namespace McpFuzz.Driver.Proxy;

/// <summary>A rule the client broke, as the client side of the proxy reports it.</summary>
public sealed record ClientSideDeviation(string Rule, string Observed, string Expected);

/// <summary>What the client side made of one exchange: the rules it held the client to, and the deviations.</summary>
public sealed record ClientSideVerdict(IReadOnlyList<string> Checked, IReadOnlyList<ClientSideDeviation> Deviations)
{
    public static ClientSideVerdict None { get; } = new([], []);
}

/// <summary>
/// Judges the client's side of a proxied conversation: what the client sent, given what it had
/// been answered before. The proxy makes one per conversation (<see cref="IClientSideJudges"/>) and
/// hands it every exchange in the order the requests began, with <paramref name="received"/>: the
/// exchange in the model's values as the client received it (the server's answer, or what an
/// injected fault made of it: the proxy's 404, a stream cut short), or null when it has no
/// abstract value. The client model's oracle plugs in here.
/// </summary>
public interface IClientSideJudge
{
    ClientSideVerdict Judge(WireExchange exchange, JudgedExchange? received);

    /// <summary>At the end of the run: what a conforming client would still have done (resumed a
    /// cut stream, initialized again after a 404).</summary>
    ClientSideVerdict Finish();
}

/// <summary>Makes the client-side judge of each new conversation.</summary>
public interface IClientSideJudges
{
    /// <param name="peer">The client's revision (dual-era for a client that probed with 2026-07-28 and was refused).</param>
    IClientSideJudge Start(Model.Machines.Peers.PeerRevision peer);
}

/// <summary>No client-side judging: what the proxy does until a client oracle is connected.</summary>
public sealed class NoClientSideJudges : IClientSideJudges, IClientSideJudge
{
    public static NoClientSideJudges Instance { get; } = new();

    public IClientSideJudge Start(Model.Machines.Peers.PeerRevision peer) => this;

    public ClientSideVerdict Judge(WireExchange exchange, JudgedExchange? received) => ClientSideVerdict.None;

    public ClientSideVerdict Finish() => ClientSideVerdict.None;
}
