namespace McpFuzz.Model.Revisions;

using static Revision;

public static partial class RuleCatalog
{
    /// <summary>Rules of the legacy <c>initialize</c> handshake, version negotiation and the
    /// <c>MCP-Protocol-Version</c> header of 2025-06-18 and 2025-11-25. 2026-07-28 has no handshake;
    /// its per-request versioning is in <see cref="Modern"/>.</summary>
    public static class Lifecycle
    {
        private static readonly RevisionSet Handshake = RevisionSet.Range(V2024_11_05, V2025_11_25);

        // 2025-03-26 clients never send the header on MCP requests, and 2026-07-28 makes it a MUST on
        // every POST with its own error codes (modern.protocol-header), so these are the two
        // revisions where "after initialization" applies.
        private static readonly RevisionSet HeaderAfterInit = RevisionSet.Range(V2025_06_18, V2025_11_25);

        public static readonly Rule InitializeFirst = new(
            "lifecycle.initialize-first", RuleLevel.Must, RuleSide.Client, Handshake,
            "2024-11-05/basic/lifecycle#initialization",
            "A client opens every connection or session with an initialize request; nothing precedes it.");

        public static readonly Rule InitializeParams = new(
            "lifecycle.initialize-params", RuleLevel.Must, RuleSide.Client, Handshake,
            "2024-11-05/basic/lifecycle#initialization",
            "An initialize request carries protocolVersion, capabilities and clientInfo (name and version).");

        public static readonly Rule InitializeResult = new(
            "lifecycle.initialize-result", RuleLevel.Must, RuleSide.Server, Handshake,
            "2024-11-05/basic/lifecycle#initialization",
            "An initialize result carries protocolVersion, capabilities and serverInfo (name and version).");

        public static readonly Rule InitializedNotification = new(
            "lifecycle.initialized-notification", RuleLevel.Must, RuleSide.Client, Handshake,
            "2024-11-05/basic/lifecycle#initialization",
            "After a successful initialize response the client sends notifications/initialized.");

        public static readonly Rule ClientWaitsForInitialize = new(
            "lifecycle.client-waits-for-initialize", RuleLevel.Should, RuleSide.Client, Handshake,
            "2024-11-05/basic/lifecycle#initialization",
            "Until the server has answered initialize, a client sends no request other than ping.");

        public static readonly Rule ServerWaitsForInitialized = new(
            "lifecycle.server-waits-for-initialized", RuleLevel.Should, RuleSide.Server, Handshake,
            "2024-11-05/basic/lifecycle#initialization",
            "Until notifications/initialized arrives, a server sends no request other than ping and no notification other than logging.");

        public static readonly Rule InitializeNotBatched = new(
            "lifecycle.initialize-not-batched", RuleLevel.Must, RuleSide.Client, RevisionSet.Of(V2025_03_26),
            "2025-03-26/basic/lifecycle#initialization",
            "A client never sends initialize inside a JSON-RPC batch.");

        public static readonly Rule NoCancelInitialize = new(
            "lifecycle.no-cancel-initialize", RuleLevel.Must, RuleSide.Client, Handshake,
            "2024-11-05/basic/utilities/cancellation",
            "A client never sends notifications/cancelled for its initialize request.");

        public static readonly Rule VersionEcho = new(
            "lifecycle.version-echo", RuleLevel.Must, RuleSide.Server, Handshake,
            "2024-11-05/basic/lifecycle#version-negotiation",
            "A server that supports the requested protocol version answers with exactly that version.");

        public static readonly Rule VersionCounteroffer = new(
            "lifecycle.version-counteroffer", RuleLevel.Must, RuleSide.Server, Handshake,
            "2024-11-05/basic/lifecycle#version-negotiation",
            "A server that does not support the requested version answers with another version it does support, preferably its latest.");

        // The page says SHOULD; the InitializeResult comment in schema.ts says MUST. The text wins
        // here, so a client that carries on is a SHOULD finding, not a MUST one.
        public static readonly Rule UnsupportedVersionDisconnect = new(
            "lifecycle.unsupported-version-disconnect", RuleLevel.Should, RuleSide.Client, Handshake,
            "2024-11-05/basic/lifecycle#version-negotiation",
            "A client that does not support the version the server answered with disconnects instead of carrying on.");

        public static readonly Rule NegotiatedOnlyAdvisory = new(
            "lifecycle.negotiated-only-advisory", RuleLevel.Should, RuleSide.Both, RevisionSet.Range(V2024_11_05, V2025_03_26),
            "2024-11-05/basic/lifecycle#operation",
            "During operation both peers keep to the negotiated version and use only capabilities that were negotiated.");

        public static readonly Rule NegotiatedOnly = new(
            "lifecycle.negotiated-only", RuleLevel.Must, RuleSide.Both, RevisionSet.Range(V2025_06_18, V2025_11_25),
            "2025-06-18/basic/lifecycle#operation",
            "During operation both peers keep to the negotiated version and use only capabilities that were negotiated.");

        public static readonly Rule PingEmptyResult = new(
            "lifecycle.ping-empty-result", RuleLevel.Must, RuleSide.Both, Handshake,
            "2024-11-05/basic/utilities/ping",
            "The receiver of a ping answers promptly with an empty result object.");

        public static readonly Rule TimeoutCancels = new(
            "lifecycle.timeout-cancels", RuleLevel.Should, RuleSide.Both, RevisionSet.Range(V2025_03_26, V2025_11_25),
            "2025-03-26/basic/lifecycle#timeouts",
            "A peer whose request timed out sends notifications/cancelled for it and stops waiting for the response.");

        public static readonly Rule HeaderRequired = new(
            "version.header-required", RuleLevel.Must, RuleSide.Client, HeaderAfterInit,
            "2025-06-18/basic/transports#protocol-version-header",
            "Over HTTP a client sends MCP-Protocol-Version on every request after initialization.");

        public static readonly Rule HeaderNegotiated = new(
            "version.header-negotiated", RuleLevel.Should, RuleSide.Client, HeaderAfterInit,
            "2025-06-18/basic/transports#protocol-version-header",
            "The MCP-Protocol-Version value is the version negotiated by initialize, not the client's latest.");

        public static readonly Rule HeaderInvalid400 = new(
            "version.header-invalid-400", RuleLevel.Must, RuleSide.Server, RevisionSet.From(V2025_06_18),
            "2025-06-18/basic/transports#protocol-version-header",
            "A server answers a request whose MCP-Protocol-Version is invalid or unsupported with 400 Bad Request.");

        // As tagged, 2025-06-18 said to assume 2025-06-18; the 2025-06-23 erratum changed it to
        // 2025-03-26, the only revision whose clients legitimately omit the header.
        public static readonly Rule HeaderMissingDefault = new(
            "version.header-missing-default", RuleLevel.Should, RuleSide.Server, HeaderAfterInit,
            "2025-06-18/basic/transports#protocol-version-header",
            "A server that gets no MCP-Protocol-Version and has no other way to know the version assumes 2025-03-26.");
    }

    private static IEnumerable<Rule> LifecycleRules() =>
    [
        Lifecycle.InitializeFirst, Lifecycle.InitializeParams, Lifecycle.InitializeResult,
        Lifecycle.InitializedNotification, Lifecycle.ClientWaitsForInitialize, Lifecycle.ServerWaitsForInitialized,
        Lifecycle.InitializeNotBatched, Lifecycle.NoCancelInitialize,
        Lifecycle.VersionEcho, Lifecycle.VersionCounteroffer, Lifecycle.UnsupportedVersionDisconnect,
        Lifecycle.NegotiatedOnlyAdvisory, Lifecycle.NegotiatedOnly, Lifecycle.PingEmptyResult,
        Lifecycle.TimeoutCancels, Lifecycle.HeaderRequired, Lifecycle.HeaderNegotiated,
        Lifecycle.HeaderInvalid400, Lifecycle.HeaderMissingDefault,
    ];
}
