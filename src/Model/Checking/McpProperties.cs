using McpFuzz.Model.Machines.Rules;

namespace McpFuzz.Model.Checking;

/// <summary>The properties every client/server pairing is checked against.</summary>
public static class McpProperties
{
    public static readonly Property ClientConforms = new("client-conforms", PropertyKind.Always,
        "every request and every reaction of the client is one a conforming client of its revision could make");

    public static readonly Property ServerConforms = new("server-conforms", PropertyKind.Always,
        "every answer of the server is one a conforming server of its revision could give");

    public static readonly Property VersionAgreement = new("version-agreement", PropertyKind.Always,
        "both sides apply the negotiated version to every request of the session", Cite.HeaderNegotiated, Cite.HeaderMissingDefault);

    public static readonly Property AnsweredOnce = new("answered-at-most-once", PropertyKind.Always,
        "the client shows each request's result at most once");

    public static readonly Property NoDuplicates = new("no-duplicate-delivery", PropertyKind.Always,
        "no server message reaches the client twice", Cite.SameStreamOnly);

    public static readonly Property BoundedReconnect = new("bounded-reconnect", PropertyKind.Always,
        "a client reconnects one broken stream at most 3 times", Cite.BoundedReconnect);

    public static readonly Property NoResponseOnGet = new("no-response-on-get-stream", PropertyKind.Always,
        "no JSON-RPC response arrives on a GET stream that is not a resumption", Cite.GetNoResponses);

    public static readonly Property SessionUsed = new("session-id-used", PropertyKind.Always,
        "once a session id is assigned, every later request of the session carries it", Cite.ClientSendsSession);

    public static readonly Property InitializeFirst = new("no-request-before-initialized", PropertyKind.Always,
        "a legacy client sends no request before the initialize result", Cite.ClientWaitsForInitialize);

    public static readonly Property ModelTotal = new("model-total", PropertyKind.Always,
        "every machine handles every input it can receive (a failure here is a gap in McpFuzz's model)");

    public static readonly Property InitializationCompletes = new("initialization-completes", PropertyKind.Eventually,
        "without faults, the client reaches the operation phase", Cite.InitializeFirst);

    public static readonly Property ToolCallAnswered = new("tool-call-answered", PropertyKind.Eventually,
        "without faults, the tool call gets its result", Cite.SseCarriesResponse);

    public static readonly Property NoSilentHang = new("no-silent-hang", PropertyKind.Eventually,
        "every request is answered or its failure is shown to the user");

    public static readonly Property NothingLost = new("nothing-lost-on-resume", PropertyKind.Eventually,
        "when the server offered resumption and only streams broke, the result still arrives", Cite.LastEventId);

    public static readonly Property CanSucceed = new("tool-call-can-succeed", PropertyKind.Sometimes,
        "some run ends with the tool call answered");

    public static readonly Property CanRecover = new("disconnect-can-be-recovered", PropertyKind.Sometimes,
        "some run with a broken stream still ends with the tool call answered");

    public static IReadOnlyList<Property> All { get; } =
    [
        ClientConforms, ServerConforms, VersionAgreement, AnsweredOnce, NoDuplicates, BoundedReconnect, NoResponseOnGet,
        SessionUsed, InitializeFirst, ModelTotal, InitializationCompletes, ToolCallAnswered, NoSilentHang, NothingLost,
        CanSucceed, CanRecover,
    ];
}
