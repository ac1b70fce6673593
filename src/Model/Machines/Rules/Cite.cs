using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Machines.Rules;

/// <summary>The catalog rules the machines embody, by id. Machines ask these rules which
/// revisions they hold in rather than comparing revisions themselves, so a revision range lives
/// only in the catalog; a test checks that every id here exists there.</summary>
public static class Cite
{
    public const string PostAcceptBoth = "shttp.post-accept-both";
    public const string Notification202 = "shttp.notification-202";
    public const string RequestJsonOrSse = "shttp.request-json-or-sse";
    public const string SseCarriesResponse = "shttp.sse-carries-response";
    public const string NoCloseBeforeResponse = "shttp.no-close-before-response";
    public const string GetAcceptSse = "shttp.get-accept-sse";
    public const string GetSseOr405 = "shttp.get-sse-or-405";
    public const string GetNoResponses = "shttp.get-no-responses";
    public const string MessageEvents = "shttp.message-events";
    public const string NoEndpointEvent = "shttp.no-endpoint-event";
    public const string OriginValidate = "shttp.origin-validate";
    public const string Origin403 = "shttp.origin-403";
    public const string CloseAfterResponse = "shttp.close-after-response";
    public const string LegacyTwoEndpoints = "legacy.two-endpoints";
    public const string LegacyMessageEvents = "legacy.message-events";
    public const string EndpointFirst = "legacy.endpoint-first";
    public const string PostToEndpoint = "legacy.post-to-endpoint";
    public const string ClientSendsSession = "session.client-sends-id";
    public const string SessionMissing400 = "session.missing-400";
    public const string SessionExpired404 = "session.expired-404";
    public const string SessionReinit = "session.expired-404-reinit";
    public const string SessionDelete = "session.delete";
    public const string SessionDelete405 = "session.delete-405";
    public const string InitializeFirst = "lifecycle.initialize-first";
    public const string InitializedNotification = "lifecycle.initialized-notification";
    public const string ClientWaitsForInitialize = "lifecycle.client-waits-for-initialize";
    public const string VersionEcho = "lifecycle.version-echo";
    public const string VersionCounteroffer = "lifecycle.version-counteroffer";
    public const string UnsupportedVersionDisconnect = "lifecycle.unsupported-version-disconnect";
    public const string HeaderRequired = "version.header-required";
    public const string HeaderNegotiated = "version.header-negotiated";
    public const string HeaderInvalid400 = "version.header-invalid-400";
    public const string PingEmptyResult = "lifecycle.ping-empty-result";
    public const string HeaderMissingDefault = "version.header-missing-default";
    public const string EventIdUnique = "resume.event-id-unique";
    public const string LastEventId = "resume.last-event-id";
    public const string SameStreamOnly = "resume.same-stream-only";
    public const string PrimingEvent = "resume.priming-event";
    public const string PrimingNotMessage = "resume.priming-not-message";
    public const string CloseAfterIdOnly = "resume.close-after-id-only";
    public const string RetryBeforeClose = "resume.retry-before-close";
    public const string BoundedReconnect = "resume.bounded-reconnect";
    public const string ClientWaitsRetry = "resume.client-waits-retry";
    public const string SseClientComments = "sse.client-ignores-comments";
    public const string SseClientLineEndings = "sse.client-line-endings";
    public const string SseClientMultiLineData = "sse.client-multi-line-data";
    public const string SseClientSplitEvents = "sse.client-split-events";
    public const string NoInitialize = "modern.no-initialize";
    public const string ServerDiscover = "modern.server-discover";
    public const string ProtocolHeader = "modern.protocol-header";
    public const string HeaderMismatch = "modern.header-mismatch-32020";
    public const string UnsupportedVersion32022 = "modern.unsupported-version-32022";
    public const string NoResumability = "modern.no-resumability";
    public const string GetDelete405 = "modern.get-delete-405";
    public const string UnknownMethod404 = "modern.unknown-method-404";
    public const string IgnoreSessionId = "modern.ignore-session-id";
    public const string DualEraProbe = "modern.dual-era-probe";
    public const string DualEraServer = "modern.dual-era-server";
    public const string FallbackAny4xx = "fallback.any-4xx";
    public const string Fallback400404405 = "fallback.400-404-405";
    public const string FallbackNotModernError = "fallback.not-modern-error";
    public const string FallbackEndpointEvent = "fallback.endpoint-event";
    public const string NoBatch = "jsonrpc.no-batch";
    public const string AuthDiscovery20250326 = "auth.discovery-2025-03-26";
    public const string AuthDefaultEndpoints = "auth.default-endpoints";
    public const string AuthProtocolVersionDuringDiscovery = "auth.protocol-version-during-discovery";
    public const string AuthDiscovery20250618 = "auth.discovery-2025-06-18";
    public const string AuthDiscovery20251125 = "auth.discovery-2025-11-25";
    public const string AuthDiscovery20260728 = "auth.discovery-2026-07-28";
    public const string AuthParseWwwAuthenticate = "auth.parse-www-authenticate";
    public const string AuthPkceMethodsRequired = "auth.pkce-methods-required";
    public const string AuthIssuerEquality = "auth.issuer-equality";
    public const string Auth401Required = "auth.401-required";
    public const string AuthBearerEveryRequest = "auth.bearer-every-request";
    public const string ResultType = "jsonrpc.result-type";
    public const string MissingCapability32021 = "modern.missing-capability-32021";
    public const string ReservedErrorCodes = "modern.reserved-error-codes";
    public const string NoServerRequests = "modern.no-server-requests";
    public const string StreamRelated = "modern.stream-related";
    public const string MrtrMethodsOnly = "modern.mrtr-methods-only";
    public const string MrtrNotEmpty = "modern.mrtr-not-empty";
    public const string MrtrDeclaredCapabilities = "modern.mrtr-declared-capabilities";
    public const string ListenOnlyRequested = "modern.listen-only-requested";
    public const string ListenAckFirst = "modern.listen-ack-first";
    public const string ListenSubscriptionId = "modern.listen-subscription-id";
    public const string ListenGracefulEnd = "modern.listen-graceful-end";

    /// <summary>Every id above, for the catalog check.</summary>
    public static IReadOnlyList<string> All { get; } =
        typeof(Cite).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    /// <summary>The revisions a cited rule holds in (none when the catalog lacks it). Machines read
    /// this once when they are built, so guards test a bit mask, not the catalog.</summary>
    public static RevisionSet In(string id) => RuleCatalog.Find(id)?.Revisions ?? RevisionSet.None;
}
