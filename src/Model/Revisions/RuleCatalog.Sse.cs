namespace McpFuzz.Model.Revisions;

public static partial class RuleCatalog
{
    /// <summary>Rules on SSE framing that an MCP peer can break. The WHATWG event-stream format
    /// itself is implemented by <see cref="Wire.Sse.SseReader"/>.</summary>
    public static class Sse
    {
        public static readonly Rule Utf8 = new(
            "sse.utf8", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "WHATWG HTML 9.2.5 (event stream format)",
            "An event stream is UTF-8; invalid bytes reach the client as U+FFFD and corrupt the JSON inside.");

        public static readonly Rule CompleteEvents = new(
            "sse.complete-events", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "WHATWG HTML 9.2.6 (interpreting an event stream)",
            "Every event ends with a blank line; a stream that ends inside an event loses that event.");
    }

    private static IEnumerable<Rule> SseRules() => [Sse.Utf8, Sse.CompleteEvents];
}
