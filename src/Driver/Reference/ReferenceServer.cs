using System.Net;
using System.Threading.Channels;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Server;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.JsonRpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace McpFuzz.Driver.Reference;

/// <summary>
/// The server machine of one revision (and profile) executed over Kestrel on 127.0.0.1: every
/// request is abstracted, stepped through the machine, and the machine's answer spelled as HTTP.
/// Nothing here decides what to answer; the machine does. The model's server holds one client
/// conversation; this one holds one per client (<see cref="ConversationTable"/>: per session, per
/// HTTP+SSE stream, and one for each stateless request), stepped one request at a time under a lock.
/// </summary>
public sealed class ReferenceServer : IAsyncDisposable
{
    /// <summary>Bodies above this size are refused before they reach the machine.</summary>
    public const int MaxBody = 1 << 20;

    /// <summary>How long an open stream (the GET stream, the HTTP+SSE stream) stays open at most.</summary>
    public static readonly TimeSpan StreamLimit = TimeSpan.FromMinutes(5);

    private readonly object _gate = new();
    private readonly StateMachine<ServerPhase, ServerTrigger, ServerContext, ServerInput> _machine;
    private readonly ServerReactions _reactions;
    private readonly ReplyStyle _reply;
    private readonly ConversationTable _conversations;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private AuthorizationDocuments? _authorization;
    private WireFraming? _framing;

    private ReferenceServer(PeerRevision peer, ServerProfile profile, ReplyStyle reply)
    {
        Peer = peer;
        _machine = ServerMachines.For(peer, profile);
        _reactions = new ServerReactions(peer, profile);
        _reply = reply;
        _conversations = new ConversationTable(Guid.NewGuid().ToString("N")[..12], _machine.Initial);
    }

    public PeerRevision Peer { get; }

    /// <summary>The authorization documents served (with <see cref="ServerProfile.RequiresAuthorization"/>), else null.</summary>
    public AuthorizationDocuments? Authorization => _authorization;

    /// <summary>The MCP endpoint (and, for 2024-11-05, the SSE endpoint).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Starts the server on 127.0.0.1; port 0 picks a free one.</summary>
    /// <param name="authorization">With <see cref="ServerProfile.RequiresAuthorization"/>: the
    /// documents to publish; the conforming deployment of the revision when null.</param>
    /// <param name="tap">Middleware that sees every request before the server does (mcpfuzz client
    /// records the client's traffic with it).</param>
    /// <param name="framing">How event-stream bodies are laid out and cut into writes; the canonical layout when null.</param>
    public static async Task<ReferenceServer> StartAsync(PeerRevision peer, ServerProfile profile, ReplyStyle reply, int port = 0, CancellationToken cancellationToken = default,
        AuthorizationSetup? authorization = null, Func<HttpContext, RequestDelegate, Task>? tap = null, WireFraming? framing = null)
    {
        var server = new ReferenceServer(peer, profile, reply) { _framing = framing };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = MaxBody;
        });
        var app = builder.Build();
        if (tap is not null) app.Use(tap);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server._app = app;
        var address = app.Urls.First();
        server.Url = new Uri(new Uri(address), peer == PeerRevision.V2024_11_05 ? "/sse" : "/mcp");
        if ((profile & ServerProfile.RequiresAuthorization) != 0)
            server._authorization = new AuthorizationDocuments(authorization ?? AuthorizationSetup.Of(peer), server.Url);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (_authorization is not null && await _authorization.TryServeAsync(http)) return;
        var wire = await ReadAsync(http.Request);
        if (wire is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        Answer answer;
        lock (_gate) answer = Step(wire);
        if (answer.Refusal is { } refusal)
        {
            // Input the model has no value for: the server cannot read the request.
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.Headers["X-McpFuzz-Reason"] = refusal;
            return;
        }

        var rendered = answer.Rendered!;
        http.Response.StatusCode = rendered.Status;
        foreach (var (name, value) in rendered.Headers) http.Response.Headers[name] = value;
        if (rendered.Status == StatusCodes.Status401Unauthorized && _authorization is not null)
            http.Response.Headers.WWWAuthenticate = _authorization.Challenge;

        // Polling (2025-11-25): the server ends the stream after the priming event and drops the
        // connection; ending the body first keeps the bytes already written readable.
        if (rendered.CloseAfterBody) http.Response.Headers.Connection = "close";
        if (answer.LegacyEvents is { Length: > 0 } forwarded) answer.Conversation?.LegacyStream?.Writer.TryWrite(forwarded);
        if (_framing is { } framing && rendered.Body.Length > 0 && MediaType.IsEventStreamContentType(rendered.Header("Content-Type")))
            await WriteFramedAsync(http, framing, rendered.Body);
        else if (rendered.Body.Length > 0) await http.Response.Body.WriteAsync(rendered.Body, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);

        if (rendered.CloseAfterBody) return;
        if (answer.KeepOpen) await HoldOpenAsync(http, answer.Legacy ? answer.Conversation?.LegacyStream : null);

        // The HTTP+SSE stream is the conversation: once it is gone, its endpoint names nothing.
        if (answer.Legacy && answer.Conversation is { } ended)
        {
            lock (_gate) _conversations.Remove(ended.Ids.Session(0));
        }
    }

    /// <summary>The events of a stream in the framing asked for, each write flushed on its own (with a
    /// pause, so that the pieces leave in separate TCP segments).</summary>
    private static async Task WriteFramedAsync(HttpContext http, WireFraming framing, byte[] canonical)
    {
        var body = framing.Reframe(canonical);
        bool pieces = false;
        foreach (var write in framing.Writes(body))
        {
            if (pieces) await Task.Delay(1, http.RequestAborted);
            await http.Response.Body.WriteAsync(write, http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            pieces = true;
        }
    }

    /// <summary>One request through the machine, under the lock: abstract it, step the machine
    /// with the preferred allowed answer, and spell the answer.</summary>
    private Answer Step(WireRequest wire)
    {
        // A POST to the HTTP+SSE endpoint names its stream in the query; other requests name their session.
        bool legacyPost = PathOf(wire.Url) == "/messages";
        var conversation = _conversations.Find(legacyPost ? QueryValue(wire.Url, "sessionId") : wire.Headers.Get(HeaderNames.SessionId));
        var abstracted = conversation.Abstraction.Request(wire);
        if (!abstracted.IsAbstract) return new Answer(null, abstracted.Reason, null, false, false, null);
        // A request whose id is no request id (jsonrpc.id-type, jsonrpc.id-not-null) cannot be
        // answered: its answer would have to repeat that id.
        var envelope = JsonRpcClassifier.Classify(wire.Body);
        if (envelope.Has(JsonRpcFacts.BadIdType) || envelope.Has(JsonRpcFacts.NullId))
            return new Answer(null, "the request id is neither a string nor an integer", null, false, false, null);
        var request = abstracted.Value;

        // The ids this server minted are read back by this server, whatever order they were seen in.
        request.Session = SessionSymbol(conversation, wire.Headers.Get(HeaderNames.SessionId));
        request.LastEventId = EventSymbol(conversation, wire.Headers.Get(HeaderNames.LastEventId));
        if (legacyPost) request.Target = Target.LegacyPost;
        if (request.RequestId != 0) conversation.Methods[request.RequestId] = JsonRpcClassifier.Classify(wire.Body).MethodName(wire.Body);

        var trigger = ServerReactions.TriggerOf(request);
        StepResult<ServerPhase, ServerContext> step = default;
        int choices = _reactions.Choices(conversation.Context, request);
        foreach (byte choice in ModernPreferences.For(request, wire, _reply)?.Where(c => c < choices) ?? Preferences(trigger, choices))
        {
            step = _machine.Step(conversation.Phase, conversation.Context, trigger, new ServerInput { Request = request, Choice = choice });
            if (step.IsFired && step.Context.Out.Head.Status != Status.None && ModernPreferences.Acceptable(choice, request, step.Context.Out)) break;
        }

        if (!step.IsFired) return new Answer(null, $"the server machine has no answer to {request} ({step.Reason})", null, false, false, null);
        var output = step.Context.Out;
        conversation.Phase = step.State;
        conversation.Context = step.Context with { Out = default };
        var ids = conversation.Ids;
        if (output.Head.AssignedSession != 0) _conversations.Register(ids.Session(output.Head.AssignedSession), conversation);

        // An answer given before any version applies (an unknown session, a refused GET) follows the
        // newest revision the server implements.
        var revision = output.Effective != VersionValue.None ? output.Effective.ToRevision() : Peer.LatestLegacy() ?? Revision.V2026_07_28;
        Func<byte, string?> requestIds = conversation.Abstraction.RequestIds.IdOf;
        Func<byte, string?> methods = id => conversation.Methods.GetValueOrDefault(id);
        var items = new SseItem[output.Count];
        for (int i = 0; i < output.Count; i++) items[i] = output.Items[i];
        byte session = conversation.Context.Session;

        if (output.ToLegacyStream)
        {
            var head = ResponseRenderer.Render(output.Head, [], StreamEnd.Clean, ids, session, requestIds, request.RequestId, revision, methods);
            return new Answer(head, null, ResponseRenderer.Events(items, ids, session, requestIds, revision, methods), false, false, conversation);
        }

        bool legacyOpen = step.Context.LegacyStreamOpen && conversation.LegacyStream is null && output.Head.Body == Body.EventStream && trigger == ServerTrigger.Get;
        if (legacyOpen)
        {
            // The endpoint event names the stream by the conversation's session-0 id (ConcreteIds.LegacyEndpoint).
            conversation.LegacyStream = Channel.CreateBounded<byte[]>(64);
            _conversations.Register(ids.Session(0), conversation);
        }

        var rendered = ResponseRenderer.Render(output.Head, items, output.End, ids, session, requestIds, request.RequestId, revision, methods);
        bool keepOpen = output.Head.Body == Body.EventStream && output.End == StreamEnd.Open;
        return new Answer(rendered, null, null, keepOpen, legacyOpen, conversation);
    }

    /// <summary>Answers the server may give, best first: the reply style asked for (or the next
    /// allowed one) for initialize and tool calls; the first allowed one otherwise (which offers the
    /// GET stream).</summary>
    private IEnumerable<byte> Preferences(ServerTrigger trigger, int choices)
    {
        if (trigger is ServerTrigger.Initialize or ServerTrigger.ToolCall)
        {
            for (int c = Math.Min((int)_reply, choices - 1); c >= 0; c--) yield return (byte)c;
            yield break;
        }

        for (int c = 0; c < choices; c++) yield return (byte)c;
    }

    private static byte SessionSymbol(ReferenceConversation conversation, string? header)
    {
        if (header is null) return 0;
        for (byte s = 1; s <= Math.Max(conversation.Context.NextSession, (byte)1); s++)
        {
            if (conversation.Ids.Session(s) == header) return s;
        }

        // A session this server never minted: a symbol no session has, so the machine answers it as unknown.
        return byte.MaxValue;
    }

    private static byte EventSymbol(ReferenceConversation conversation, string? header)
    {
        if (header is null) return 0;
        string prefix = conversation.Ids.Event(conversation.Context.Session, 0)[..^1];
        return header.StartsWith(prefix, StringComparison.Ordinal) && byte.TryParse(header.AsSpan(prefix.Length), out byte id) ? id : byte.MaxValue;
    }

    private async Task HoldOpenAsync(HttpContext http, Channel<byte[]>? legacyStream)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        linked.CancelAfter(StreamLimit);
        try
        {
            if (legacyStream is { } channel)
            {
                await foreach (var events in channel.Reader.ReadAllAsync(linked.Token))
                {
                    await http.Response.Body.WriteAsync(events, linked.Token);
                    await http.Response.Body.FlushAsync(linked.Token);
                }
            }
            else
            {
                await Task.Delay(Timeout.Infinite, linked.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, the limit passed, or the server stops: the stream ends here.
        }
    }

    /// <summary>The request as the wire layer sees it, with the absolute URL on the address this
    /// server is bound to: an Origin is judged against that, never against the Host header, which a
    /// DNS-rebinding page sets to its own name along with its Origin.</summary>
    private async Task<WireRequest?> ReadAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer)) > 0)
        {
            if (body.Length + read > MaxBody) return null;
            body.Write(buffer, 0, read);
        }

        var headers = HeaderList.From(request.Headers.SelectMany(h => h.Value.Select(v => new HeaderField(h.Key, v ?? ""))));
        string target = Url.GetLeftPart(UriPartial.Authority) + request.Path + request.QueryString;
        return new WireRequest(request.Method, target, headers, body.ToArray(), DateTimeOffset.UtcNow);
    }

    private static string PathOf(string url) => new Uri(url).AbsolutePath;

    /// <summary>The value of <paramref name="name"/> in a request target's query, or null.</summary>
    private static string? QueryValue(string url, string name)
    {
        int query = url.IndexOf('?');
        if (query < 0) return null;
        foreach (var pair in url[(query + 1)..].Split('&'))
        {
            int equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals] == name) return Uri.UnescapeDataString(pair[(equals + 1)..]);
        }

        return null;
    }

    /// <param name="Conversation">The conversation the request was stepped in (null when it was refused).</param>
    private sealed record Answer(RenderedResponse? Rendered, string? Refusal, byte[]? LegacyEvents, bool KeepOpen, bool Legacy, ReferenceConversation? Conversation);
}
