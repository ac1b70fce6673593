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

        // A client of Streamable HTTP MUST support text/event-stream responses; the format it must
        // then read is WHATWG's, which allows every one of these spellings of the same events.
        private const string ClientReads = "WHATWG HTML 9.2.6 (interpreting an event stream); 2025-03-26/basic/transports#sending-messages-to-the-server (the client MUST support text/event-stream)";

        public static readonly Rule ClientIgnoresComments = new(
            "sse.client-ignores-comments", RuleLevel.Must, RuleSide.Client, RevisionSet.All, ClientReads,
            "A client ignores comment lines (a colon first), before and between events: keep-alives are comments.");

        public static readonly Rule ClientLineEndings = new(
            "sse.client-line-endings", RuleLevel.Must, RuleSide.Client, RevisionSet.All, ClientReads,
            "A client ends a line at CRLF, LF or a lone CR alike.");

        public static readonly Rule ClientMultiLineData = new(
            "sse.client-multi-line-data", RuleLevel.Must, RuleSide.Client, RevisionSet.All, ClientReads,
            "A client joins the data lines of one event with LF into one message.");

        public static readonly Rule ClientSplitEvents = new(
            "sse.client-split-events", RuleLevel.Must, RuleSide.Client, RevisionSet.All, ClientReads,
            "A client reads an event that arrives over several TCP writes, cut anywhere, as the same event.");
    }

    private static IEnumerable<Rule> SseRules() =>
        [Sse.Utf8, Sse.CompleteEvents, Sse.ClientIgnoresComments, Sse.ClientLineEndings, Sse.ClientMultiLineData, Sse.ClientSplitEvents];
}
