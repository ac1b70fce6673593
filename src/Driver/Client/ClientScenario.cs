using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Driver.Client;

/// <summary>One situation a real client is put in: the reference server it talks to (revision and
/// profile), whether its session expires, and the client rule the situation exercises.</summary>
/// <param name="Survives">The rule a client breaks when it fails or hangs here and the oracle names
/// nothing else; null where failing is allowed (the client may not support the server).</param>
/// <param name="ExpireAt">Expire the session at the client's n-th JSON-RPC request naming it (0: never).</param>
/// <param name="Framing">How the server lays out its event streams (a wire option; the canonical layout when null).</param>
/// <param name="ClosedGets">The server closes every GET stream at once (reconnects are counted and judged).</param>
/// <param name="HoldToolCallMs">The server answers tools/call only after this many milliseconds.</param>
/// <param name="Authorization">With <see cref="ServerProfile.RequiresAuthorization"/>: where the documents are (the
/// conforming deployment of the server's revision when null).</param>
public sealed record ClientScenario(string Name, PeerRevision Server, ServerProfile Profile, string? Survives, string Description, int ExpireAt = 0,
    Reference.WireFraming? Framing = null, ClosedGetStreams? ClosedGets = null, int HoldToolCallMs = 0, Model.Machines.Authorization.Deployment? Authorization = null);
