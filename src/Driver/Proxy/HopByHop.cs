using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// The header fields that belong to one connection and not to the message (RFC 9110 §7.6.1): a
/// proxy consumes them instead of passing them on. Every field the <c>Connection</c> header names is
/// hop-by-hop too. <c>Host</c> and <c>Content-Length</c> are not hop-by-hop, but the proxy's own
/// connection sets them, so they are left out as well.
/// </summary>
public static class HopByHop
{
    private static readonly HashSet<string> Fixed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Content-Length",
    };

    /// <summary>The fields of <paramref name="headers"/> that travel on to the next hop, in order.</summary>
    public static IReadOnlyList<HeaderField> EndToEnd(IEnumerable<HeaderField> headers)
    {
        var fields = headers.ToList();
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields.Where(f => HeaderNames.Equal(f.Name, "Connection")))
        {
            foreach (var token in field.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) named.Add(token);
        }

        return fields.Where(f => !Fixed.Contains(f.Name) && !named.Contains(f.Name)).ToList();
    }
}
