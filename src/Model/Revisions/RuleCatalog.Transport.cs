namespace McpFuzz.Model.Revisions;

using static Revision;

public static partial class RuleCatalog
{
    /// <summary>Rules of the HTTP transports: Streamable HTTP (2025-03-26 on) and the HTTP+SSE
    /// transport of 2024-11-05. Session, resumability, version-header and fallback rules live in
    /// their own areas.</summary>
    public static class Transport
    {
        private static readonly RevisionSet Streamable = RevisionSet.From(V2025_03_26);

        // 2026-07-28 removed the GET stream, sessions and server-to-client requests, so the rules
        // about them end with the last stateful revision.
        private static readonly RevisionSet Stateful = RevisionSet.Range(V2025_03_26, V2025_11_25);

        // HTTP+SSE is defined by 2024-11-05, and every later revision keeps it as the deprecated
        // transport a client falls back to, so a peer of any revision that speaks it is bound by it.
        private static readonly RevisionSet LegacySse = RevisionSet.All;

        public static readonly Rule SingleEndpoint = new(
            "shttp.single-endpoint", RuleLevel.Must, RuleSide.Server, Streamable,
            "2025-03-26/basic/transports#streamable-http",
            "A server exposes one HTTP path, the MCP endpoint, that accepts POST (and, before 2026-07-28, GET).");

        public static readonly Rule PostPerMessage = new(
            "shttp.post-per-message", RuleLevel.Must, RuleSide.Client, Streamable,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "A client sends every JSON-RPC message as a new HTTP POST to the MCP endpoint.");

        public static readonly Rule PostAcceptBoth = new(
            "shttp.post-accept-both", RuleLevel.Must, RuleSide.Client, Streamable,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "A POST carries an Accept header listing both application/json and text/event-stream.");

        public static readonly Rule Notification202 = new(
            "shttp.notification-202", RuleLevel.Must, RuleSide.Server, Streamable,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "A server that accepts a POST holding only notifications or responses answers 202 Accepted with an empty body.");

        public static readonly Rule NotAcceptedErrorStatus = new(
            "shttp.not-accepted-error-status", RuleLevel.Must, RuleSide.Server, Streamable,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "A server that cannot accept a POST of notifications or responses answers an HTTP error status such as 400, never 2xx.");

        public static readonly Rule RequestJsonOrSse = new(
            "shttp.request-json-or-sse", RuleLevel.Must, RuleSide.Server, Streamable,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "A server answers a POST that contains a request with Content-Type application/json or text/event-stream.");

        // 2025-03-26 also says "one JSON object" although a batched POST needs several responses, so
        // the reply shape is left open there and the rule starts when batches are gone.
        public static readonly Rule JsonSingleObject = new(
            "shttp.json-single-object", RuleLevel.Must, RuleSide.Server, RevisionSet.From(V2025_06_18),
            "2025-06-18/basic/transports#sending-messages-to-the-server",
            "An application/json answer to a request POST is a single JSON object: the response to that request.");

        public static readonly Rule ClientSupportsJsonAndSse = new(
            "shttp.client-supports-json-and-sse", RuleLevel.Must, RuleSide.Client, Streamable,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "A client handles both an application/json answer and a text/event-stream answer to its request POST.");

        public static readonly Rule SseCarriesResponse = new(
            "shttp.sse-carries-response", RuleLevel.Should, RuleSide.Server, Streamable,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "An SSE stream opened in answer to a request POST eventually delivers the response to that request.");

        public static readonly Rule PostStreamRelated = new(
            "shttp.post-stream-related", RuleLevel.Should, RuleSide.Server, Stateful,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "Requests and notifications a server sends on a POST's SSE stream before the response relate to the originating request.");

        // 2025-11-25 replaced this with the polling rules (close after an id-bearing event); see
        // resume.close-after-id-only.
        public static readonly Rule NoCloseBeforeResponse = new(
            "shttp.no-close-before-response", RuleLevel.Should, RuleSide.Server, RevisionSet.Range(V2025_03_26, V2025_06_18),
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "A server does not close a POST's SSE stream before it has sent the response, unless the session expired.");

        public static readonly Rule CloseAfterResponse = new(
            "shttp.close-after-response", RuleLevel.Should, RuleSide.Server, Streamable,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "A server ends a POST's SSE stream once the response has been sent.");

        public static readonly Rule DisconnectNotCancellation = new(
            "shttp.disconnect-not-cancellation", RuleLevel.Should, RuleSide.Both, Stateful,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "A dropped SSE stream is not read as the client cancelling its request.");

        public static readonly Rule CancelWithNotification = new(
            "shttp.cancel-with-notification", RuleLevel.Should, RuleSide.Client, Stateful,
            "2025-03-26/basic/transports#sending-messages-to-the-server",
            "A client that wants to cancel a request sends notifications/cancelled instead of just dropping the stream.");

        public static readonly Rule GetAcceptSse = new(
            "shttp.get-accept-sse", RuleLevel.Must, RuleSide.Client, Stateful,
            "2025-03-26/basic/transports#listening-for-messages-from-the-server",
            "A GET to the MCP endpoint carries an Accept header listing text/event-stream.");

        public static readonly Rule GetSseOr405 = new(
            "shttp.get-sse-or-405", RuleLevel.Must, RuleSide.Server, Stateful,
            "2025-03-26/basic/transports#listening-for-messages-from-the-server",
            "A server answers a GET to the MCP endpoint with a text/event-stream or with 405 Method Not Allowed.");

        public static readonly Rule GetNoResponses = new(
            "shttp.get-no-responses", RuleLevel.Must, RuleSide.Server, Stateful,
            "2025-03-26/basic/transports#listening-for-messages-from-the-server",
            "A server sends no JSON-RPC response on a GET stream unless that GET resumes a stream of an earlier request.");

        public static readonly Rule GetStreamUnrelated = new(
            "shttp.get-stream-unrelated", RuleLevel.Should, RuleSide.Server, Stateful,
            "2025-03-26/basic/transports#listening-for-messages-from-the-server",
            "Requests and notifications on a GET stream are unrelated to any request the client is still waiting on.");

        public static readonly Rule SingleStreamDelivery = new(
            "shttp.single-stream-delivery", RuleLevel.Must, RuleSide.Server, Stateful,
            "2025-03-26/basic/transports#multiple-connections",
            "A server sends each JSON-RPC message on exactly one of the client's open streams, never broadcast on several.");

        // The transport text only ever defines `message` events; WHATWG dispatches any other event
        // type to a listener of that name, so a client that parses every event as JSON-RPC mistakes
        // a stray `endpoint` event (or anything else) for a message.
        public static readonly Rule MessageEvents = new(
            "shttp.message-events", RuleLevel.Should, RuleSide.Client, Streamable,
            "WHATWG HTML 9.2.6 (interpreting an event stream, dispatch); 2025-03-26/basic/transports#sending-messages-to-the-server",
            "A client takes JSON-RPC messages only from `message`-type SSE events and ignores events of any other type, such as a stray `endpoint`.");

        // The Streamable HTTP text lets a server put JSON-RPC requests, notifications and the
        // response on a stream, nothing else (2025-11-25 adds the priming event); the legacy
        // `endpoint` event there is the first cross-revision hazard of the digest: strict clients
        // close the stream on it.
        public static readonly Rule NoEndpointEvent = new(
            "shttp.no-endpoint-event", RuleLevel.Should, RuleSide.Server, Streamable,
            "2025-03-26/basic/transports#sending-messages-to-the-server; spec digest §7 hazard 1",
            "A Streamable HTTP server's SSE streams carry JSON-RPC messages (and 2025-11-25 priming events), never the legacy `endpoint` event.");

        // The warning block was added to the 2024-11-05 and 2025-03-26 pages after release
        // (2025-04-08); peers built from the tagged text may not check Origin.
        public static readonly Rule OriginValidate = new(
            "shttp.origin-validate", RuleLevel.Must, RuleSide.Server, RevisionSet.All,
            "2024-11-05/basic/transports#security-warning",
            "A server validates the Origin header of every incoming connection, against DNS rebinding.");

        public static readonly Rule Origin403 = new(
            "shttp.origin-403", RuleLevel.Must, RuleSide.Server, RevisionSet.From(V2025_11_25),
            "2025-11-25/basic/transports#security-warning",
            "A server answers a request whose Origin header is present and invalid with 403 Forbidden.");

        public static readonly Rule BindLocalhost = new(
            "shttp.bind-localhost", RuleLevel.Should, RuleSide.Server, RevisionSet.All,
            "2024-11-05/basic/transports#security-warning",
            "A server running locally listens on 127.0.0.1 only, not on every interface.");

        public static readonly Rule LegacyTwoEndpoints = new(
            "legacy.two-endpoints", RuleLevel.Must, RuleSide.Server, LegacySse,
            "2024-11-05/basic/transports#http-with-sse",
            "An HTTP+SSE server offers an SSE endpoint the client GETs and a separate endpoint it POSTs messages to.");

        public static readonly Rule LegacyEndpointFirst = new(
            "legacy.endpoint-first", RuleLevel.Must, RuleSide.Server, LegacySse,
            "2024-11-05/basic/transports#http-with-sse",
            "An HTTP+SSE server sends an `endpoint` event as the first event of the GET stream.");

        public static readonly Rule LegacyEndpointUri = new(
            "legacy.endpoint-uri", RuleLevel.Must, RuleSide.Server, LegacySse,
            "2024-11-05/basic/transports#http-with-sse",
            "The data of the `endpoint` event is the URI the client is to POST its messages to.");

        public static readonly Rule LegacyPostToEndpoint = new(
            "legacy.post-to-endpoint", RuleLevel.Must, RuleSide.Client, LegacySse,
            "2024-11-05/basic/transports#http-with-sse",
            "An HTTP+SSE client sends every message as an HTTP POST to the URI from the `endpoint` event.");

        // The page states this as the transport's definition, without a keyword; a client of the
        // transport reads nothing else, so it is held as a MUST.
        public static readonly Rule LegacyMessageEvents = new(
            "legacy.message-events", RuleLevel.Must, RuleSide.Server, LegacySse,
            "2024-11-05/basic/transports#http-with-sse",
            "An HTTP+SSE server sends each message to the client as an SSE event of type `message` whose data is the JSON-RPC message.");
    }

    private static IEnumerable<Rule> TransportRules() =>
    [
        Transport.SingleEndpoint, Transport.PostPerMessage, Transport.PostAcceptBoth, Transport.Notification202,
        Transport.NotAcceptedErrorStatus, Transport.RequestJsonOrSse, Transport.JsonSingleObject,
        Transport.ClientSupportsJsonAndSse, Transport.SseCarriesResponse, Transport.PostStreamRelated,
        Transport.NoCloseBeforeResponse, Transport.CloseAfterResponse, Transport.DisconnectNotCancellation,
        Transport.CancelWithNotification, Transport.GetAcceptSse, Transport.GetSseOr405, Transport.GetNoResponses,
        Transport.GetStreamUnrelated, Transport.SingleStreamDelivery, Transport.MessageEvents, Transport.NoEndpointEvent, Transport.OriginValidate,
        Transport.Origin403, Transport.BindLocalhost,
        Transport.LegacyTwoEndpoints, Transport.LegacyEndpointFirst, Transport.LegacyEndpointUri,
        Transport.LegacyPostToEndpoint, Transport.LegacyMessageEvents,
    ];
}
