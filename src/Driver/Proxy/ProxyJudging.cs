using System.Text.Json;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// Sorts the proxied exchanges into client conversations and has each judged as it finishes:
/// an <c>initialize</c> without a session starts a conversation, the session id its answer
/// assigns keys the later requests; requests without a session belong to the last sessionless
/// conversation. A session the proxy never saw begin is kept apart and its server side left
/// unjudged, since the server machine would start it from the wrong state. An HTTP+SSE GET stream
/// that announces an endpoint makes its conversation the one of the POSTs to that endpoint, whose
/// answers it carries (<see cref="LegacyAnswers"/>).
/// </summary>
public sealed class ProxyJudging(RevisionChoice revisions, IClientSideJudges clients, Action<ProxyConversation, Finding>? found = null)
{
    /// <summary>Every conversation judged by <paramref name="revision"/>.</summary>
    public ProxyJudging(Revision revision, IClientSideJudges clients, Action<ProxyConversation, Finding>? found = null)
        : this(RevisionChoice.Pin(revision), clients, found)
    {
    }

    private readonly Lock _gate = new();
    private readonly List<ProxyConversation> _all = [];
    private readonly Dictionary<string, ProxyConversation> _bySession = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProxyConversation> _byEndpoint = new(StringComparer.Ordinal);
    private ProxyConversation? _sessionless;

    public RevisionChoice Revisions => revisions;

    public IReadOnlyList<ProxyConversation> Conversations
    {
        get
        {
            lock (_gate) return _all.ToArray();
        }
    }

    /// <summary>The conversation a request belongs to, when it begins; an <c>initialize</c> without
    /// a session starts a new one, which <see cref="Bind"/> keys by the session its answer assigns.</summary>
    public ProxyConversation Enter(WireRequest request)
    {
        string? session = request.Headers.Get(HeaderNames.SessionId);
        lock (_gate)
        {
            if (session is not null)
            {
                if (_bySession.TryGetValue(session, out var known)) return known;
                return _bySession[session] = Start($"session {session} (joined under way)", "the proxy did not see this session begin");
            }

            if (request.Method == "POST" && _byEndpoint.TryGetValue(EndpointKey(request.Url), out var legacy)) return legacy;
            if (IsInitialize(request.Body))
            {
                var started = Start($"conversation {_all.Count + 1}", null);
                // The initialize a client owed after an injected 404 or a refused probe starts a new
                // conversation; the client judge of the one that owed it is shown it too.
                if (_all.LastOrDefault(c => c != started && c.AwaitsInitialize) is { } owing)
                {
                    owing.AwaitsInitialize = false;
                    started.Follows(owing);
                }

                return started;
            }

            // Each HTTP+SSE client opens its own GET stream: a new one does not join the last.
            if (request.Method == "GET" && _sessionless?.Legacy is not null) _sessionless = null;
            if (_sessionless is null && request.Method == "POST") return _sessionless = Start($"conversation {_all.Count + 1} (no session)", null, awaitsInitialize: true);
            return _sessionless ??= Start($"conversation {_all.Count + 1} (no session)", null);
        }
    }

    /// <summary>When the answer's head arrives: an initialize answer's session id keys its conversation;
    /// one without a session makes it the conversation of later sessionless requests.</summary>
    public void Bind(ProxyConversation conversation, WireRequest request, HeaderList responseHeaders)
    {
        if (request.Headers.Get(HeaderNames.SessionId) is not null || !IsInitialize(request.Body)) return;
        lock (_gate)
        {
            if (responseHeaders.Get(HeaderNames.SessionId) is { } assigned) _bySession.TryAdd(assigned, conversation);
            else _sessionless = conversation;
        }
    }

    /// <summary>An HTTP+SSE GET stream of <paramref name="conversation"/> announced <paramref name="endpoint"/>
    /// (an upstream URI): POSTs there belong to the conversation, and are paired with the stream's answers.</summary>
    public LegacyAnswers BindEndpoint(ProxyConversation conversation, Uri endpoint, TimeSpan bound)
    {
        lock (_gate) _byEndpoint[EndpointKey(endpoint.AbsoluteUri)] = conversation;
        return conversation.BecomeLegacy(bound);
    }

    private static string EndpointKey(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url;

    /// <summary>Hands in a finished exchange (<paramref name="ticket"/> from <see cref="ProxyConversation.Enter"/>)
    /// and reports each new finding.</summary>
    /// <param name="stream">For an HTTP+SSE POST: its answer as the GET stream carried it.</param>
    /// <param name="clientSaw">The exchange as the client received it, when an injected cut made it differ.</param>
    public IReadOnlyList<Finding> Finish(ProxyConversation conversation, long ticket, WireExchange exchange, bool proxyAnswered = false, IReadOnlyList<WireSseEvent>? stream = null, WireExchange? clientSaw = null)
    {
        var findings = conversation.Finish(ticket, exchange, proxyAnswered, null, stream, clientSaw);
        foreach (var finding in findings) found?.Invoke(conversation, finding);
        return findings;
    }

    /// <summary>The whole run as a report: one entry per conversation and side. Exchanges still
    /// waiting for an earlier one that never finished are judged first.</summary>
    public RunReport Report(string target, DateTimeOffset started, TimeSpan elapsed)
    {
        foreach (var conversation in Conversations)
        {
            foreach (var finding in conversation.Drain()) found?.Invoke(conversation, finding);
        }

        foreach (var conversation in Conversations)
        {
            foreach (var finding in conversation.FinishClient()) found?.Invoke(conversation, finding);
        }

        return new(target, started, elapsed, Conversations.SelectMany(c => c.Results(elapsed)).ToArray());
    }

    private ProxyConversation Start(string name, string? unjudged, bool awaitsInitialize = false)
    {
        var conversation = new ProxyConversation(name, revisions, clients, unjudged) { AwaitsInitialize = awaitsInitialize };
        _all.Add(conversation);
        return conversation;
    }

    /// <summary>Whether a request body is an <c>initialize</c> request (alone or in a batch).</summary>
    public static bool IsInitialize(byte[] body)
    {
        if (body.Length == 0) return false;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var messages = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
            return messages.Any(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("method", out var method) &&
                                     method.ValueKind == JsonValueKind.String && method.GetString() == "initialize");
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
