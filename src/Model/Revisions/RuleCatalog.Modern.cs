namespace McpFuzz.Model.Revisions;

using static Revision;

public static partial class RuleCatalog
{
    /// <summary>Rules of the modern era (2026-07-28): stateless requests without a handshake,
    /// <c>server/discover</c>, request-metadata headers and their error codes, MRTR,
    /// <c>subscriptions/listen</c>, stream-close cancellation and dual-era interoperation.</summary>
    public static class Modern
    {
        private static readonly RevisionSet ModernEra = RevisionSet.From(V2026_07_28);

        public static readonly Rule NoInitialize = new(
            "modern.no-initialize", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/versioning#protocol-version-negotiation",
            "A modern client sends no initialize, notifications/initialized or ping: every request declares its own version and capabilities.");

        public static readonly Rule ServerDiscover = new(
            "modern.server-discover", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/server/discover",
            "A server implements server/discover, answering with its supportedVersions and capabilities.");

        public static readonly Rule MetaRequired = new(
            "modern.meta-required", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/index#meta",
            "A server rejects a request whose _meta lacks protocolVersion or clientCapabilities with -32602, over HTTP with status 400.");

        public static readonly Rule Stateless = new(
            "modern.stateless", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/index#statelessness",
            "A server takes version, capabilities and client identity from each request, never from earlier requests on the same connection.");

        public static readonly Rule RequestIdInFlight = new(
            "modern.request-id-in-flight", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/index#requests",
            "A request id differs from the id of every other request the sender has not yet had a response for.");

        public static readonly Rule ReservedErrorCodes = new(
            "modern.reserved-error-codes", RuleLevel.Must, RuleSide.Both, ModernEra,
            "2026-07-28/basic/index#error-codes",
            "No peer emits an undefined code in -32020..-32099, nor the retired codes -32002 and -32042.");

        public static readonly Rule ProtocolHeader = new(
            "modern.protocol-header", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/transports/streamable-http#protocol-version-header",
            "A client sends MCP-Protocol-Version on every POST, equal to the request's _meta protocolVersion.");

        public static readonly Rule HeaderMismatch32020 = new(
            "modern.header-mismatch-32020", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/transports/streamable-http#server-validation",
            "A server rejects a POST whose required headers are missing, malformed or disagree with the body with 400 and HeaderMismatch (-32020).");

        // A server that still serves pre-2025-06-18 clients MAY read a missing header as 2025-03-26,
        // so a missing header is a finding only against a server without that legacy support.
        public static readonly Rule MissingHeaderRejected = new(
            "modern.missing-header-rejected", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/transports/streamable-http#protocol-version-header",
            "A server that does not support clients older than 2025-06-18 rejects a POST without MCP-Protocol-Version with 400 and -32020.");

        public static readonly Rule UnsupportedVersion32022 = new(
            "modern.unsupported-version-32022", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/versioning#protocol-version-negotiation",
            "A server asked for a version it does not implement answers UnsupportedProtocolVersionError (-32022) listing its supported versions, over HTTP with 400.");

        public static readonly Rule UnsupportedVersionRetry = new(
            "modern.unsupported-version-retry", RuleLevel.Should, RuleSide.Client, ModernEra,
            "2026-07-28/basic/versioning#protocol-version-negotiation",
            "A client given -32022 retries with a version from the server's supported list, or reports the failure.");

        public static readonly Rule MissingCapability32021 = new(
            "modern.missing-capability-32021", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/index#meta",
            "A server that needs a client capability the request did not declare answers MissingRequiredClientCapabilityError (-32021), over HTTP with 400.");

        public static readonly Rule UnknownMethod404 = new(
            "modern.unknown-method-404", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/transports/streamable-http#protocol-version-header",
            "A server answers a POST for a method it does not implement with 404 Not Found and a JSON-RPC -32601 error body.");

        public static readonly Rule McpMethodHeader = new(
            "modern.mcp-method-header", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/transports/streamable-http#standard-request-headers",
            "A client sends Mcp-Method, equal to the body's method, on every request POST.");

        public static readonly Rule McpNameHeader = new(
            "modern.mcp-name-header", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/transports/streamable-http#standard-request-headers",
            "A client sends Mcp-Name, equal to params.name or params.uri, on tools/call, resources/read and prompts/get POSTs.");

        public static readonly Rule HeaderBase64 = new(
            "modern.header-base64", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/transports/streamable-http#value-encoding",
            "A header value that is not plain header-safe ASCII, or that looks like the sentinel, is sent as =?base64?...?= of its UTF-8 bytes.");

        public static readonly Rule ParamHeaders = new(
            "modern.param-headers", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/transports/streamable-http#client-behavior",
            "A client mirrors every present argument annotated with x-mcp-header into an Mcp-Param-{Name} header and omits it when the value is absent or null.");

        public static readonly Rule DropInvalidHeaderTools = new(
            "modern.drop-invalid-header-tools", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/transports/streamable-http#schema-extension",
            "An HTTP client excludes from tools/list every tool whose x-mcp-header annotations break the constraints.");

        public static readonly Rule HeaderNamesCaseInsensitive = new(
            "modern.header-names-case-insensitive", RuleLevel.Must, RuleSide.Both, ModernEra,
            "2026-07-28/basic/transports/streamable-http#case-sensitivity",
            "Peers compare HTTP header names case-insensitively and header values case-sensitively.");

        public static readonly Rule ClientNoResponses = new(
            "modern.client-no-responses", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/transports/streamable-http#sending-messages",
            "A client never sends a JSON-RPC response; a POST body is one request or notification.");

        public static readonly Rule NoServerRequests = new(
            "modern.no-server-requests", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/transports/streamable-http#receiving-messages",
            "A server sends no JSON-RPC requests on any stream; it asks for client input through an InputRequiredResult.");

        public static readonly Rule StreamRelated = new(
            "modern.stream-related", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/transports/streamable-http#receiving-messages",
            "Notifications on a request's SSE response stream relate to that request.");

        public static readonly Rule NoProxyBuffering = new(
            "modern.no-proxy-buffering", RuleLevel.Should, RuleSide.Server, ModernEra,
            "2026-07-28/basic/transports/streamable-http#receiving-messages",
            "A server opening an SSE response stream sends X-Accel-Buffering: no.");

        public static readonly Rule LogLevelGate = new(
            "modern.log-level-gate", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/server/utilities/logging",
            "A server sends notifications/message only on the response stream of a request that carried a logLevel in _meta.");

        public static readonly Rule NoResumability = new(
            "modern.no-resumability", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/changelog; 2026-07-28/basic/transports/streamable-http#receiving-messages",
            "A client whose response stream broke re-issues the request with a new id instead of resuming with Last-Event-ID.");

        public static readonly Rule IgnoreLastEventId = new(
            "modern.ignore-last-event-id", RuleLevel.Should, RuleSide.Server, ModernEra,
            "2026-07-28/basic/transports/streamable-http#earlier-streamable-http-revisions",
            "A modern-only server ignores a Last-Event-ID header; its streams are not resumable.");

        public static readonly Rule DisconnectIsCancellation = new(
            "modern.disconnect-is-cancellation", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/transports/streamable-http#cancellation",
            "A server treats the closing of a request's SSE response stream as cancellation and sends nothing more for that request.");

        public static readonly Rule GetDelete405 = new(
            "modern.get-delete-405", RuleLevel.Should, RuleSide.Server, ModernEra,
            "2026-07-28/basic/transports/streamable-http#earlier-streamable-http-revisions",
            "A modern-only server answers GET and DELETE to the MCP endpoint with 405 Method Not Allowed.");

        public static readonly Rule IgnoreSessionId = new(
            "modern.ignore-session-id", RuleLevel.Should, RuleSide.Server, ModernEra,
            "2026-07-28/basic/transports/streamable-http#earlier-streamable-http-revisions",
            "A modern-only server ignores an Mcp-Session-Id header and never mints or echoes one.");

        public static readonly Rule MrtrMethodsOnly = new(
            "modern.mrtr-methods-only", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/patterns/mrtr#supported-requests",
            "A server answers InputRequiredResult only to tools/call, resources/read and prompts/get.");

        public static readonly Rule MrtrNotEmpty = new(
            "modern.mrtr-not-empty", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/patterns/mrtr#server-requirements-basic-workflow",
            "An InputRequiredResult carries inputRequests, requestState or both.");

        public static readonly Rule MrtrDeclaredCapabilities = new(
            "modern.mrtr-declared-capabilities", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/patterns/mrtr#server-requirements-basic-workflow",
            "A server puts into inputRequests only kinds of request the client declared a capability for.");

        public static readonly Rule MrtrFulfilInputs = new(
            "modern.mrtr-fulfil-inputs", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/patterns/mrtr#client-requirements-basic-workflow",
            "A client answers every entry of inputRequests before it retries the original request.");

        public static readonly Rule MrtrNewId = new(
            "modern.mrtr-new-id", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/patterns/mrtr#client-requirements-basic-workflow",
            "A client retries an input_required request under a new JSON-RPC id.");

        public static readonly Rule MrtrEchoState = new(
            "modern.mrtr-echo-state", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/patterns/mrtr#client-requirements-basic-workflow",
            "A client echoes requestState unchanged in its retry, and adds none when the result had none.");

        public static readonly Rule ListenOnlyRequested = new(
            "modern.listen-only-requested", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/patterns/subscriptions#opening-a-stream",
            "A server sends on a subscription only the notification types the client's filter asked for.");

        public static readonly Rule ListenAckFirst = new(
            "modern.listen-ack-first", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/patterns/subscriptions#acknowledgment",
            "A server sends notifications/subscriptions/acknowledged before any other notification of that subscription.");

        // The page states the tagging as a fact about the stream, without a keyword; clients on
        // stdio MUST correlate by it, so a missing or wrong id is a MUST finding.
        public static readonly Rule ListenSubscriptionId = new(
            "modern.listen-subscription-id", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/patterns/subscriptions#receiving-notifications",
            "Every notification of a subscription carries _meta io.modelcontextprotocol/subscriptionId equal to the listen request's id.");

        // The subscriptions page asks for a final listen result and the cancellation page for
        // notifications/cancelled; either is accepted as a graceful end.
        public static readonly Rule ListenGracefulEnd = new(
            "modern.listen-graceful-end", RuleLevel.Should, RuleSide.Server, ModernEra,
            "2026-07-28/basic/patterns/subscriptions#graceful-closure",
            "A server ending a subscription first sends a final subscriptions/listen result or notifications/cancelled for it.");

        public static readonly Rule DualEraProbe = new(
            "modern.dual-era-probe", RuleLevel.Should, RuleSide.Client, ModernEra,
            "2026-07-28/basic/transports/stdio#backward-compatibility; 2026-07-28/basic/transports/streamable-http#backward-compatibility",
            "A dual-era client probes with a modern request (server/discover) and falls back to initialize only when the answer is not a recognized modern error.");

        public static readonly Rule ProbeNotSingleCode = new(
            "modern.probe-not-single-code", RuleLevel.Must, RuleSide.Client, ModernEra,
            "2026-07-28/basic/transports/stdio#backward-compatibility",
            "A dual-era client does not decide on the legacy fallback by one specific error code.");

        // The versioning page defines a dual-era server by this behaviour, without a keyword; one
        // that picks the era otherwise is not dual-era, so it is held as a MUST.
        public static readonly Rule DualEraServer = new(
            "modern.dual-era-server", RuleLevel.Must, RuleSide.Server, ModernEra,
            "2026-07-28/basic/versioning#backward-compatibility-with-initialization-based-versions",
            "A dual-era server serves legacy semantics to a peer whose first message is initialize and modern semantics to requests with modern _meta.");

        public static readonly Rule InitializeErrorListsVersions = new(
            "modern.initialize-error-lists-versions", RuleLevel.Should, RuleSide.Server, ModernEra,
            "2026-07-28/basic/versioning#backward-compatibility-with-initialization-based-versions",
            "A modern-only server names its supported protocol versions in any error it returns to initialize.");
    }

    private static IEnumerable<Rule> ModernRules() =>
    [
        Modern.NoInitialize, Modern.ServerDiscover, Modern.MetaRequired, Modern.Stateless, Modern.RequestIdInFlight,
        Modern.ReservedErrorCodes, Modern.ProtocolHeader, Modern.HeaderMismatch32020, Modern.MissingHeaderRejected,
        Modern.UnsupportedVersion32022, Modern.UnsupportedVersionRetry, Modern.MissingCapability32021,
        Modern.UnknownMethod404, Modern.McpMethodHeader, Modern.McpNameHeader, Modern.HeaderBase64, Modern.ParamHeaders,
        Modern.DropInvalidHeaderTools, Modern.HeaderNamesCaseInsensitive, Modern.ClientNoResponses,
        Modern.NoServerRequests, Modern.StreamRelated, Modern.NoProxyBuffering, Modern.LogLevelGate,
        Modern.NoResumability, Modern.IgnoreLastEventId, Modern.DisconnectIsCancellation, Modern.GetDelete405,
        Modern.IgnoreSessionId, Modern.MrtrMethodsOnly, Modern.MrtrNotEmpty, Modern.MrtrDeclaredCapabilities,
        Modern.MrtrFulfilInputs, Modern.MrtrNewId, Modern.MrtrEchoState, Modern.ListenOnlyRequested,
        Modern.ListenAckFirst, Modern.ListenSubscriptionId, Modern.ListenGracefulEnd, Modern.DualEraProbe,
        Modern.ProbeNotSingleCode, Modern.DualEraServer, Modern.InitializeErrorListsVersions,
    ];
}
