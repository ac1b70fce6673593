using System.Text;
using System.Text.Json;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// The revision a conversation speaks, read from its first exchange: the <c>protocolVersion</c> the
/// server answered to <c>initialize</c> (what the session negotiated); else the
/// <c>MCP-Protocol-Version</c> the request carried (a 2026-07-28 request names its own, a session
/// joined under way names the one it negotiated); else 2024-11-05 when the answer is an HTTP+SSE
/// stream opening with an <c>endpoint</c> event. Null when the exchange shows none.
/// </summary>
public static class SessionRevision
{
    public static Revision? Of(WireExchange first)
    {
        if (first.Response is { } response && ProxyJudging.IsInitialize(first.Request.Body) && Negotiated(response) is { } negotiated) return negotiated;
        if (first.Request.Headers.Get(HeaderNames.ProtocolVersion) is { } header && Revisions.TryParse(header.Trim(), out var named)) return named;
        if (first.Response is { IsEventStream: true, Events: [{ Type: "endpoint" }, ..] }) return Revision.V2024_11_05;
        return null;
    }

    /// <summary>The <c>params.protocolVersion</c> an <c>initialize</c> request asked for, or null.</summary>
    public static Revision? Requested(WireExchange first)
    {
        if (!ProxyJudging.IsInitialize(first.Request.Body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(first.Request.Body);
            var root = doc.RootElement;
            foreach (var message in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root])
            {
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object &&
                    p.TryGetProperty("protocolVersion", out var version) && version.ValueKind == JsonValueKind.String &&
                    Revisions.TryParse(version.GetString(), out var revision)) return revision;
            }
        }
        catch (JsonException)
        {
            // IsInitialize parsed it; unreachable in practice.
        }

        return null;
    }

    /// <summary>The <c>result.protocolVersion</c> of an initialize answer, in a JSON body or a message event.</summary>
    private static Revision? Negotiated(WireResponse response)
    {
        return response.IsEventStream ? NegotiatedIn(response.Events) : VersionIn(response.Body);
    }

    /// <summary>The <c>result.protocolVersion</c> of the first message event that carries one.</summary>
    public static Revision? NegotiatedIn(IEnumerable<WireSseEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Type == "message" && e.Data.Length > 0 && VersionIn(Encoding.UTF8.GetBytes(e.Data)) is { } version) return version;
        }

        return null;
    }

    private static Revision? VersionIn(byte[] json)
    {
        if (json.Length == 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            foreach (var message in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root])
            {
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object &&
                    result.TryGetProperty("protocolVersion", out var version) && version.ValueKind == JsonValueKind.String &&
                    Revisions.TryParse(version.GetString(), out var revision)) return revision;
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing to read a version from.
        }

        return null;
    }
}
