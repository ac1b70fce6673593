namespace McpFuzz.Model.Revisions;

using static Revision;

public static partial class RuleCatalog
{
    /// <summary>Rules of the backwards-compatibility probe between Streamable HTTP and the
    /// deprecated HTTP+SSE transport. The trigger for falling back changes with every revision,
    /// which is the point of keeping one rule per trigger.</summary>
    /// <remarks>The transport pages phrase the probe as what clients "wanting to support older
    /// servers should" do (lowercase), so the client rules are SHOULDs: a client that does not
    /// support HTTP+SSE at all is not at fault, one that probes differently is.</remarks>
    public static class Fallback
    {
        private static readonly RevisionSet Streamable = RevisionSet.From(V2025_03_26);

        public static readonly Rule ProbePost = new(
            "fallback.probe-post", RuleLevel.Should, RuleSide.Client, Streamable,
            "2025-03-26/basic/transports#backwards-compatibility",
            "A client supporting old servers first POSTs to the given URL (initialize before 2026-07-28, any request after) with the Streamable HTTP Accept header.");

        public static readonly Rule Any4xx = new(
            "fallback.any-4xx", RuleLevel.Should, RuleSide.Client, RevisionSet.Range(V2025_03_26, V2025_06_18),
            "2025-03-26/basic/transports#backwards-compatibility",
            "A client falls back to the HTTP+SSE probe when its initialize POST fails with any 4xx status.");

        // Any-4xx sent clients down the legacy path on 401 (which should start OAuth) and on the
        // 403 for a bad Origin; 2025-11-25 narrowed the trigger to these three codes.
        public static readonly Rule On400404405 = new(
            "fallback.400-404-405", RuleLevel.Should, RuleSide.Client, RevisionSet.Of(V2025_11_25),
            "2025-11-25/basic/transports#backwards-compatibility",
            "A client falls back to the HTTP+SSE probe only when its initialize POST fails with 400, 404 or 405, never on 401 or 403.");

        // A modern server also answers 400 (-32020, -32021, -32022) and 404 (-32601); falling back on
        // those would lead a client to a GET the modern server answers with 405.
        public static readonly Rule NotModernError = new(
            "fallback.not-modern-error", RuleLevel.Should, RuleSide.Client, RevisionSet.Of(V2026_07_28),
            "2026-07-28/basic/transports/streamable-http#backward-compatibility",
            "A client falls back to the HTTP+SSE probe only on 400, 404 or 405 whose body is not a recognized modern JSON-RPC error.");

        public static readonly Rule EndpointEvent = new(
            "fallback.endpoint-event", RuleLevel.Should, RuleSide.Client, Streamable,
            "2025-03-26/basic/transports#backwards-compatibility",
            "After a failed POST the client GETs the same URL and switches to HTTP+SSE only once that stream's first event is `endpoint`.");

        public static readonly Rule ServerKeepsLegacy = new(
            "fallback.server-keeps-legacy", RuleLevel.May, RuleSide.Server, Streamable,
            "2025-03-26/basic/transports#backwards-compatibility",
            "A server supporting old clients keeps hosting the HTTP+SSE endpoints beside the MCP endpoint.");
    }

    private static IEnumerable<Rule> FallbackRules() =>
    [
        Fallback.ProbePost, Fallback.Any4xx, Fallback.On400404405, Fallback.NotModernError, Fallback.EndpointEvent,
        Fallback.ServerKeepsLegacy,
    ];
}
