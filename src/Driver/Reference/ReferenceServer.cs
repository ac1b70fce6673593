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
/// Nothing here decides what to answer; the machine does. Like the model, it serves one client
/// conversation at a time (requests are stepped one by one under a lock).
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
    private readonly Abstraction _abstraction = new();
    private readonly ConcreteIds _ids = ConcreteIds.Fresh();

    /// <summary>The method of each request seen, by symbolic id (under the gate).</summary>
    private readonly Dictionary<byte, string?> _methods = [];
    private readonly CancellationTokenSource _stopping = new();
    private ServerPhase _phase;
    private ServerContext _context;
    private Channel<byte[]>? _legacyStream;
    private WebApplication? _app;
    private AuthorizationDocuments? _authorization;

    private ReferenceServer(PeerRevision peer, ServerProfile profile, ReplyStyle reply)
    {
        Peer = peer;
        _machine = ServerMachines.For(peer, profile);
        _reactions = new ServerReactions(peer, profile);
        _reply = reply;
        _phase = _machine.Initial;
    }

    public PeerRevision Peer { get; }

    /// <summary>The MCP endpoint (and, for 2024-11-05, the SSE endpoint).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Starts the server on 127.0.0.1; port 0 picks a free one.</summary>
    /// <param name="authorization">With <see cref="ServerProfile.RequiresAuthorization"/>: the
    /// documents to publish; the conforming deployment of the revision when null.</param>
    public static async Task<ReferenceServer> StartAsync(PeerRevision peer, ServerProfile profile, ReplyStyle reply, int port = 0, CancellationToken cancellationToken = default,
        AuthorizationSetup? authorization = null)
    {
        var server = new ReferenceServer(peer, profile, reply);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = MaxBody;
        });
        var app = builder.Build();
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
        if (answer.LegacyEvents is { Length: > 0 } forwarded) _legacyStream?.Writer.TryWrite(forwarded);
        if (rendered.Body.Length > 0) await http.Response.Body.WriteAsync(rendered.Body, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);

        if (rendered.CloseAfterBody) return;
        if (answer.KeepOpen) await HoldOpenAsync(http, answer.Legacy);
    }

    /// <summary>One request through the machine, under the lock: abstract it, step the machine
    /// with the preferred allowed answer, and spell the answer.</summary>
    private Answer Step(WireRequest wire)
    {
        var abstracted = _abstraction.Request(wire);
        if (!abstracted.IsAbstract) return new Answer(null, abstracted.Reason, null, false, false);
        var request = abstracted.Value;

        // The ids this server minted are read back by this server, whatever order they were seen in.
        request.Session = SessionSymbol(wire.Headers.Get(HeaderNames.SessionId));
        request.LastEventId = EventSymbol(wire.Headers.Get(HeaderNames.LastEventId));
        if (PathOf(wire.Url) == "/messages") request.Target = Target.LegacyPost;
        if (request.RequestId != 0) _methods[request.RequestId] = JsonRpcClassifier.Classify(wire.Body).MethodName(wire.Body);

        var trigger = ServerReactions.TriggerOf(request);
        StepResult<ServerPhase, ServerContext> step = default;
        int choices = _reactions.Choices(_context, request);
        foreach (byte choice in ModernPreferences.For(request, wire, _reply)?.Where(c => c < choices) ?? Preferences(trigger, choices))
        {
            step = _machine.Step(_phase, _context, trigger, new ServerInput { Request = request, Choice = choice });
            if (step.IsFired && step.Context.Out.Head.Status != Status.None && ModernPreferences.Acceptable(choice, request, step.Context.Out)) break;
        }

        if (!step.IsFired) return new Answer(null, $"the server machine has no answer to {request} ({step.Reason})", null, false, false);
        var output = step.Context.Out;
        _phase = step.State;
        _context = step.Context with { Out = default };

        // An answer given before any version applies (an unknown session, a refused GET) follows the
        // newest revision the server implements.
        var revision = output.Effective != VersionValue.None ? output.Effective.ToRevision() : Peer.LatestLegacy() ?? Revision.V2026_07_28;
        Func<byte, string?> requestIds = _abstraction.RequestIds.IdOf;
        Func<byte, string?> methods = id => _methods.GetValueOrDefault(id);
        var items = new SseItem[output.Count];
        for (int i = 0; i < output.Count; i++) items[i] = output.Items[i];
        byte session = _context.Session;

        if (output.ToLegacyStream)
        {
            var head = ResponseRenderer.Render(output.Head, [], StreamEnd.Clean, _ids, session, requestIds, request.RequestId, revision, methods);
            return new Answer(head, null, ResponseRenderer.Events(items, _ids, session, requestIds, revision, methods), false, false);
        }

        bool legacyOpen = step.Context.LegacyStreamOpen && _legacyStream is null && output.Head.Body == Body.EventStream && trigger == ServerTrigger.Get;
        if (legacyOpen) _legacyStream = Channel.CreateBounded<byte[]>(64);

        var rendered = ResponseRenderer.Render(output.Head, items, output.End, _ids, session, requestIds, request.RequestId, revision, methods);
        bool keepOpen = output.Head.Body == Body.EventStream && output.End == StreamEnd.Open;
        return new Answer(rendered, null, null, keepOpen, legacyOpen);
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

    private byte SessionSymbol(string? header)
    {
        if (header is null) return 0;
        for (byte s = 1; s <= Math.Max(_context.NextSession, (byte)1); s++)
        {
            if (_ids.Session(s) == header) return s;
        }

        // A session this server never minted: a symbol no session has, so the machine answers it as unknown.
        return byte.MaxValue;
    }

    private byte EventSymbol(string? header)
    {
        if (header is null) return 0;
        string prefix = $"s{_context.Session}-e";
        return header.StartsWith(prefix, StringComparison.Ordinal) && byte.TryParse(header.AsSpan(prefix.Length), out byte id) ? id : byte.MaxValue;
    }

    private async Task HoldOpenAsync(HttpContext http, bool legacy)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        linked.CancelAfter(StreamLimit);
        try
        {
            if (legacy && _legacyStream is { } channel)
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

    private static async Task<WireRequest?> ReadAsync(HttpRequest request)
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
        return new WireRequest(request.Method, request.Path + request.QueryString, headers, body.ToArray(), DateTimeOffset.UtcNow);
    }

    private static string PathOf(string url)
    {
        int query = url.IndexOf('?');
        return query < 0 ? url : url[..query];
    }

    private sealed record Answer(RenderedResponse? Rendered, string? Refusal, byte[]? LegacyEvents, bool KeepOpen, bool Legacy);
}
