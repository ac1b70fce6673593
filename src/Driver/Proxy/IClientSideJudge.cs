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
/// hands it every exchange in the order they finished, together with the server side's reading of
/// it (<paramref name="serverSide"/>: the abstract request and answer, or null when the proxy itself
/// answered, as with an injected session expiry). The client model's oracle plugs in here.
/// </summary>
public interface IClientSideJudge
{
    ClientSideVerdict Judge(WireExchange exchange, JudgedExchange? serverSide);
}

/// <summary>Makes the client-side judge of each new conversation.</summary>
public interface IClientSideJudges
{
    IClientSideJudge Start(Model.Revisions.Revision revision);
}

/// <summary>No client-side judging: what the proxy does until a client oracle is connected.</summary>
public sealed class NoClientSideJudges : IClientSideJudges, IClientSideJudge
{
    public static NoClientSideJudges Instance { get; } = new();

    public IClientSideJudge Start(Model.Revisions.Revision revision) => this;

    public ClientSideVerdict Judge(WireExchange exchange, JudgedExchange? serverSide) => ClientSideVerdict.None;
}
