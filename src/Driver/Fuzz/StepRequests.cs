using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Driver.Fuzz;

/// <summary>
/// The client side of a live sequence: what it learnt from the server (session id, negotiated
/// version, event ids read) and the concrete requests each step sends, spelled as a client of the
/// revision spells them (<see cref="RequestSpelling"/>) with the step's faults applied.
/// </summary>
public sealed class StepRequests(RequestSpelling spelling, Uri url)
{
    /// <summary>What a request with an unknown session sends: no server hands this out.</summary>
    public const string UnknownSession = "mcpfuzz-unknown-session-0000";

    public const string UnknownEventId = "mcpfuzz-unknown-event";

    private readonly List<string> _oldSessions = [];
    private readonly List<string> _seen = [];
    private string? _lastId;

    public string? Session { get; private set; }

    public string? Negotiated { get; private set; }

    public IReadOnlyList<WireRequest> For(SequenceStep step)
    {
        int count = step.Kind == StepKind.Concurrent ? step.Count : 1;
        var requests = new WireRequest[count];
        for (int i = 0; i < count; i++) requests[i] = One(step);
        return requests;
    }

    private WireRequest One(SequenceStep step)
    {
        bool modern = spelling.Modern;
        string? versionHeader = modern ? spelling.Revision.ToText() : spelling.VersionHeaderAfterInitialize ? Negotiated : null;
        string? session = Session;
        string method = step.Kind switch
        {
            StepKind.OpenGet or StepKind.Resume => "GET",
            StepKind.Delete => "DELETE",
            _ => "POST",
        };
        byte[] body = [];
        string? mcpMethod = null;
        switch (step.Kind)
        {
            case StepKind.Initialize:
                body = spelling.Initialize(spelling.Revision.ToText(), RequestId(step));
                session = null;
                versionHeader = null;
                break;
            case StepKind.Initialized:
                body = RequestSpelling.Initialized();
                break;
            case StepKind.Notification:
                body = JsonRpcWriter.Write(JsonRpcDraft.Notification("notifications/roots/list_changed", null));
                break;
            case StepKind.Request or StepKind.Concurrent:
                body = spelling.Request(RequestId(step));
                mcpMethod = modern ? spelling.RequestMethod : null;
                break;
        }

        if (step.Has(StepFaults.MalformedBody) && method == "POST") body = MalformedBodies.Bytes(step.Corpus);
        if (step.Has(StepFaults.NoSession)) session = null;
        if (step.Has(StepFaults.StaleSession)) session = _oldSessions.Count > 0 ? _oldSessions[^1] : UnknownSession;
        if (step.Has(StepFaults.UnknownSession)) session = UnknownSession;
        if (step.Has(StepFaults.NoVersionHeader)) versionHeader = null;
        if (step.Has(StepFaults.WrongVersionHeader)) versionHeader = RequestSpelling.UnsupportedVersion;
        string? lastEventId = step.Kind == StepKind.Resume ? (_seen.Count == 0 ? UnknownEventId : _seen[step.Pick % _seen.Count]) : null;

        var headers = spelling.Headers(session, versionHeader, post: method == "POST", mcpMethod, lastEventId);
        if (step.Has(StepFaults.OddAccept)) headers = Replace(headers, HeaderNames.Accept, "application/json");
        if (step.Has(StepFaults.LowercaseHeaders)) headers = HeaderList.Of(headers.Select(h => (h.Name.ToLowerInvariant(), h.Value)).ToArray());
        return new WireRequest(method, url.AbsoluteUri, headers, body);
    }

    private static HeaderList Replace(HeaderList headers, string name, string value) =>
        HeaderList.Of(headers.Select(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase) ? (h.Name, value) : (h.Name, h.Value)).ToArray());

    private string RequestId(SequenceStep step)
    {
        if (step.Has(StepFaults.DuplicateId) && _lastId is not null) return _lastId;
        if (step.Has(StepFaults.ReusedId) && _lastId is not null) return "1";
        _lastId = spelling.NextId();
        return _lastId;
    }

    /// <summary>What the client takes from an answer: a new session and version after initialize,
    /// the end of its session after DELETE, the event ids it read.</summary>
    public void Learn(SequenceStep step, WireExchange exchange)
    {
        if (exchange.Response is not { } response) return;
        bool ok = response.Status is >= 200 and < 300;
        if (step.Kind == StepKind.Initialize && ok && !step.Has(StepFaults.MalformedBody))
        {
            string? assigned = response.Headers.Get(HeaderNames.SessionId);
            if (assigned is not null && assigned != Session)
            {
                Session = assigned;
                _seen.Clear();
            }

            Negotiated = Conversation.ProtocolVersionOf(response) ?? Negotiated;
        }

        if (step.Kind == StepKind.Delete && ok && Session is not null && !step.Has(StepFaults.StaleSession | StepFaults.UnknownSession | StepFaults.NoSession))
        {
            _oldSessions.Add(Session);
            Session = null;
        }

        foreach (var e in response.Events)
        {
            if (e.Id is { Length: > 0 } id && !_seen.Contains(id)) _seen.Add(id);
        }
    }
}
