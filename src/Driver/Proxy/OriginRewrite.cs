namespace McpFuzz.Driver.Proxy;

/// <summary>
/// Keeps the client on the proxy: an absolute URI the upstream gives that names the upstream's own
/// origin (a <c>Location</c> header, an HTTP+SSE <c>endpoint</c> event) is rewritten to the proxy's
/// origin. Relative URIs and URIs of any other origin are left as they are: the proxy never
/// decides where a client goes, it only keeps it from leaving through the back door.
/// </summary>
public sealed class OriginRewrite(Uri upstream, Uri proxy)
{
    /// <summary>The upstream origin as it is spelled at the start of an absolute URI.</summary>
    public string From { get; } = upstream.GetLeftPart(UriPartial.Authority);

    public string To { get; } = proxy.GetLeftPart(UriPartial.Authority);

    /// <summary>The URI with the upstream origin replaced, or the text unchanged.</summary>
    public string Uri(string text)
    {
        if (!System.Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")) return text;
        if (!string.Equals(parsed.GetLeftPart(UriPartial.Authority), From, StringComparison.OrdinalIgnoreCase)) return text;
        return text.StartsWith(From, StringComparison.OrdinalIgnoreCase) ? To + text[From.Length..] : To + parsed.PathAndQuery + parsed.Fragment;
    }
}
