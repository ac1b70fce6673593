using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Wire;

/// <summary>An HTTP request as it went onto the wire: method, URL (absolute when sent live, the
/// request target when read from a transcript), headers in the order sent, and the body bytes.</summary>
/// <param name="At">When the request was sent; null when the source recorded no time.</param>
public sealed record WireRequest(string Method, string Url, HeaderList Headers, byte[] Body, DateTimeOffset? At = null);
