namespace McpFuzz.Driver.Reference;

/// <summary>A concrete HTTP response: status, headers, and the body (a JSON document, or the SSE
/// events of the stream, which the host writes and then ends or closes).</summary>
/// <param name="CloseAfterBody">The server closes the connection after the events (2025-11-25
/// polling) rather than ending the stream cleanly.</param>
public sealed record RenderedResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, bool CloseAfterBody)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
