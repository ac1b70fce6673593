namespace McpFuzz.Interop.Fixtures;

/// <summary>The real MCP servers the interop tests can start (see tests/peers).</summary>
public enum PeerKind
{
    /// <summary>TypeScript SDK, Streamable HTTP with sessions, POST answers as SSE.</summary>
    TsStatefulSse,

    /// <summary>TypeScript SDK, Streamable HTTP with sessions, POST answers as JSON.</summary>
    TsStatefulJson,

    /// <summary>TypeScript SDK, Streamable HTTP without session ids.</summary>
    TsStateless,

    /// <summary>TypeScript SDK, stateful SSE with an event store (resumable streams).</summary>
    TsEventStore,

    /// <summary>TypeScript SDK, HTTP+SSE (2024-11-05): GET /sse, POST /messages.</summary>
    TsLegacySse,

    /// <summary>The reference server-everything over Streamable HTTP.</summary>
    EverythingStreamable,

    /// <summary>The reference server-everything over HTTP+SSE.</summary>
    EverythingSse,

    /// <summary>C# SDK Streamable HTTP transport on our HttpListener host.</summary>
    CSharpStreamable,

    /// <summary>C# SDK HTTP+SSE transport on our HttpListener host.</summary>
    CSharpLegacySse,
}

public static class PeerKinds
{
    /// <summary>Whether the peer speaks the HTTP+SSE transport of 2024-11-05 (its URL is the GET stream).</summary>
    public static bool IsLegacySse(this PeerKind kind) =>
        kind is PeerKind.TsLegacySse or PeerKind.EverythingSse or PeerKind.CSharpLegacySse;
}
