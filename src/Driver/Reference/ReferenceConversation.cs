using System.Threading.Channels;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Driver.Reference;

/// <summary>
/// One client's conversation with the reference server: the server machine's phase and memory, the
/// concrete ids it minted, the symbols of the client's ids, and (HTTP+SSE) the GET stream its
/// answers go to. The model's server holds one conversation; a real server holds one per client,
/// so the reference server keeps one of these per session or legacy stream.
/// </summary>
public sealed class ReferenceConversation(ServerPhase initial, ConcreteIds ids)
{
    public ServerPhase Phase { get; set; } = initial;

    public ServerContext Context { get; set; }

    public ConcreteIds Ids { get; } = ids;

    /// <summary>The client's ids (JSON-RPC request ids) as symbols, in this conversation's order.</summary>
    public Abstraction Abstraction { get; } = new();

    /// <summary>The method of each request seen, by symbolic id: the one ordinary request of the
    /// model stands for any method, and each method's result has its own shape.</summary>
    public Dictionary<byte, string?> Methods { get; } = [];

    /// <summary>HTTP+SSE: the open GET stream that carries this conversation's answers.</summary>
    public Channel<byte[]>? LegacyStream { get; set; }
}
