using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Nightly;

/// <summary>The server a nightly run fuzzes statefully: its URL, the Streamable HTTP revision to
/// speak, and the headers to send.</summary>
public sealed record NightlyServer(Uri Url, Revision Revision, IReadOnlyList<(string, string)> Headers);
