using System.Buffers;
using System.Net;
using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// A transparent HTTP proxy on Kestrel, listening on loopback only, that relays every request to
/// the one upstream it was given (whatever host the client named) and every response back as it
/// arrives: each chunk of a body is written and flushed before the next is read, so an event
/// stream reaches the client event by event. What passes is copied (up to a bound) for the wire
/// log and for <see cref="ProxyJudging"/>, which judges it once the exchange ends; faults from the
/// <see cref="FaultPlan"/> are applied on the way.
/// </summary>
public sealed class CheckingProxy : IAsyncDisposable
{
    /// <summary>Request bodies above this are refused with 413; response bytes beyond it are relayed but not kept for judging.</summary>
    public const int MaxBody = 1 << 20;

    private const int ChunkSize = 16 * 1024;

    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the rest of a cut POST stream is read for judging.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    private readonly Uri _upstream;
    private readonly ProxyJudging _judging;
    private readonly FaultPlan _faults;
    private readonly WireLogWriter? _log;
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stopping = new();
    private OriginRewrite _rewrite = null!;
    private WebApplication? _app;
    private int _next;
    private int _disposed;

    private CheckingProxy(Uri upstream, ProxyJudging judging, FaultPlan faults, WireLogWriter? log)
    {
        _upstream = upstream;
        _judging = judging;
        _faults = faults;
        _log = log;
        _client = HttpProbe.CreateClient(ProbeLimits.Default);
    }

    /// <summary>The proxy's own address for the upstream URL: the same path on the proxy's origin.</summary>
    public Uri Url { get; private set; } = null!;

    public ProxyJudging Judging => _judging;

    /// <summary>Told of every fault injected, one line each.</summary>
    public Action<string>? Notice { get; set; }

    /// <summary>Exchanges relayed so far.</summary>
    public int Exchanges => Volatile.Read(ref _next);

    /// <summary>Starts listening on <paramref name="listen"/>, which must be a loopback address (port 0: a free one).</summary>
    public static async Task<CheckingProxy> StartAsync(IPEndPoint listen, Uri upstream, ProxyJudging judging, FaultPlan faults, WireLogWriter? log, CancellationToken cancel = default)
    {
        if (!IPAddress.IsLoopback(listen.Address)) throw new ArgumentException($"the proxy listens on loopback only, not {listen.Address}", nameof(listen));
        var proxy = new CheckingProxy(upstream, judging, faults, log);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(listen);
            k.Limits.MaxRequestBodySize = MaxBody;
        });
        var app = builder.Build();
        app.Run(proxy.HandleAsync);
        await app.StartAsync(cancel).ConfigureAwait(false);
        proxy._app = app;
        var origin = new Uri(app.Urls.First());
        proxy.Url = new Uri(origin, upstream.PathAndQuery);
        proxy._rewrite = new OriginRewrite(upstream, origin);
        return proxy;
    }

    /// <summary>Stops listening; exchanges under way are ended (a stream as if the client stopped
    /// listening) and judged before this returns. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        int index = Interlocked.Increment(ref _next) - 1;
        byte[] body;
        try
        {
            body = await ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var target = new Uri(new Uri(_upstream.GetLeftPart(UriPartial.Authority)), PathAndQuery(http));
        var request = new WireRequest(http.Request.Method, target.AbsoluteUri, HeaderList.From(HopByHop.EndToEnd(RequestHeaders(http.Request))), body, DateTimeOffset.UtcNow);
        _log?.Request(index, request);
        var conversation = _judging.Enter(request);
        var judgement = new PendingJudgement(_judging, conversation, conversation.Enter());
        WireExchange exchange = new(index, request, null);
        WireExchange? cut = null;
        bool proxyAnswered = false;
        try
        {
            if (_faults.Expires(request.Headers.Get(HeaderNames.SessionId)))
            {
                proxyAnswered = true;
                conversation.AwaitsInitialize = true;
                Notice?.Invoke($"fault expire-session: exchange {index} answered 404");
                exchange = new WireExchange(index, request, await ExpireAsync(http, index).ConfigureAwait(false));
                return;
            }

            var delay = _faults.DelayFor();
            if (delay > TimeSpan.Zero) await Task.Delay(delay, http.RequestAborted).ConfigureAwait(false);
            var (answer, clientSaw) = await RelayAsync(http, index, request, conversation, judgement).ConfigureAwait(false);
            exchange = new WireExchange(index, request, answer);
            if (clientSaw is not null) cut = exchange with { Response = clientSaw };
        }
        catch (OperationCanceledException)
        {
            // The client left before the upstream answered: nothing came back to judge.
        }
        finally
        {
            // An HTTP+SSE POST is answered on the GET stream: judged once its answer arrived there.
            if (request.Method == "POST" && conversation.Legacy is { } legacy && !proxyAnswered)
            {
                var posted = exchange;
                if (posted.Response is { Status: >= 200 and < 300 }) legacy.Await(request.Body, events => judgement.Finish(posted, false, events));
                else judgement.Finish(posted, false, []);
            }
            else judgement.Finish(exchange, proxyAnswered, clientSaw: cut);
        }
    }

    /// <summary>Sends the request upstream and relays the answer; the answer as the upstream gave it
    /// (null when none came), and as the client got it when an injected cut made that differ.</summary>
    private async Task<(WireResponse? Answer, WireResponse? ClientSaw)> RelayAsync(HttpContext http, int index, WireRequest request, ProxyConversation conversation, PendingJudgement judgement)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Body.Length > 0 || request.Method is "POST" or "PUT" or "PATCH") message.Content = new ByteArrayContent(request.Body);
        foreach (var field in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(field.Name, field.Value)) message.Content?.Headers.TryAddWithoutValidation(field.Name, field.Value);
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, both.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            http.Response.StatusCode = StatusCodes.Status502BadGateway;
            http.Response.Headers["X-McpFuzz-Reason"] = "upstream: " + e.Message.ReplaceLineEndings(" ");
            _log?.End(index, new WireStreamEnd(StreamEndKind.Aborted, DateTimeOffset.UtcNow));
            return (null, null);
        }

        using (response)
        {
            var headers = HttpProbe.HeadersOf(response);
            var at = DateTimeOffset.UtcNow;
            _log?.ResponseHead(index, (int)response.StatusCode, headers, at);
            _judging.Bind(conversation, request, headers);
            var head = new WireResponse((int)response.StatusCode, headers, [], [], null, at);
            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var field in HopByHop.EndToEnd(headers))
            {
                if (head.IsEventStream && HeaderNames.Equal(field.Name, "Content-Length")) continue;
                string value = HeaderNames.Equal(field.Name, "Location") || HeaderNames.Equal(field.Name, "Content-Location") ? _rewrite.Uri(field.Value) : field.Value;
                http.Response.Headers.Append(field.Name, value);
            }

            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await http.Response.StartAsync(both.Token).ConfigureAwait(false);
            // A GET stream can stay open for the whole session, and what comes after it must not
            // wait for its end: it is judged on its listening window, what arrived in its first
            // chunk or within a second, as mcpfuzz server listens to one. A resumed stream is
            // judged whole: it may carry a response, after which the server owes its end.
            LegacyAnswers? announced = null;
            var kept = new KeptBody(head.IsEventStream, index, _log, request.Method != "GET" || !head.IsEventStream ? null : e =>
            {
                // An HTTP+SSE stream: its endpoint event names where the client POSTs, and the answers
                // to those POSTs arrive here as message events.
                if (e.Type == "endpoint" && announced is null && Uri.TryCreate(new Uri(request.Url), e.Data.Trim(), out var endpoint))
                    announced = _judging.BindEndpoint(conversation, endpoint, ProbeLimits.Default.Timeout);
                else announced?.Event(e);
            });
            Action? window = request.Method == "GET" && head.IsEventStream && request.Headers.Get("Last-Event-ID") is null
                ? () => judgement.Finish(new WireExchange(index, request, kept.Window(head)), false)
                : null;
            using var listen = window is null ? null : new Timer(_ => window(), null, ProbeLimits.Default.Listen, Timeout.InfiniteTimeSpan);
            var end = await CopyBodyAsync(http, index, response, kept, head.IsEventStream, window, both.Token).ConfigureAwait(false);
            announced?.Close();
            return (kept.Answer(head, end), kept.ClientSaw(head));
        }
    }

    /// <summary>Copies the body chunk by chunk, flushing each, keeping what is judged; returns how the body ended.</summary>
    private async Task<StreamEndKind> CopyBodyAsync(HttpContext http, int index, HttpResponseMessage response, KeptBody kept, bool eventStream, Action? window, CancellationToken cancel)
    {
        var rewriter = eventStream ? new SseEndpointRewriter(_rewrite) : null;
        var output = new ArrayBufferWriter<byte>(ChunkSize);
        var buffer = new byte[ChunkSize];
        bool first = true;
        try
        {
            await using var upstream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            while (true)
            {
                int read = await upstream.ReadAsync(buffer, cancel).ConfigureAwait(false);
                if (read == 0) break;
                kept.Add(buffer.AsSpan(0, read));
                var chunk = buffer.AsMemory(0, read);
                if (first && eventStream && _faults.AbortAt(read) is { } cut)
                {
                    // The injected fault: the client gets the stream up to a random byte, then a broken connection.
                    Notice?.Invoke($"fault abort-stream: exchange {index} ({http.Request.Method}) cut at byte {cut} of its first {read}");
                    kept.CutForClient(chunk.Span[..cut]);
                    await http.Response.Body.WriteAsync(chunk[..cut], cancel).ConfigureAwait(false);
                    await http.Response.Body.FlushAsync(cancel).ConfigureAwait(false);
                    // Aborting drops output Kestrel has not sent yet: give the prefix a moment to leave.
                    await Task.Delay(AbortGrace, cancel).ConfigureAwait(false);
                    http.Abort();
                    // The server is judged on what it sent, not on the cut: a POST's stream is read to
                    // its end (bounded), a GET stream is left, as a client that went away leaves it.
                    if (http.Request.Method != "POST") return StreamEndKind.Timeout;
                    return await DrainAsync(upstream, kept, buffer).ConfigureAwait(false);
                }

                first = false;
                window?.Invoke();
                output.ResetWrittenCount();
                if (rewriter is not null) rewriter.Process(chunk.Span, output);
                else output.Write(chunk.Span);
                await http.Response.Body.WriteAsync(output.WrittenMemory, cancel).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(cancel).ConfigureAwait(false);
            }

            if (rewriter is not null)
            {
                output.ResetWrittenCount();
                rewriter.Complete(output);
                await http.Response.Body.WriteAsync(output.WrittenMemory, cancel).ConfigureAwait(false);
            }

            return StreamEndKind.Clean;
        }
        catch (OperationCanceledException)
        {
            // The client closed its end (or the run ended): the proxy, as the client, stopped listening.
            return StreamEndKind.Timeout;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The upstream broke the body: the client's connection is broken the same way.
            http.Abort();
            return StreamEndKind.Aborted;
        }
    }

    /// <summary>Hands an exchange to its conversation once: early (a GET stream's listening window) or when it ends.</summary>
    private sealed class PendingJudgement(ProxyJudging judging, ProxyConversation conversation, long ticket)
    {
        private int _done;

        public void Finish(WireExchange exchange, bool proxyAnswered, IReadOnlyList<WireSseEvent>? stream = null, WireExchange? clientSaw = null)
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) judging.Finish(conversation, ticket, exchange, proxyAnswered, stream, clientSaw);
        }
    }

    /// <summary>Reads the rest of an upstream body after the client's copy was cut, for judging only.</summary>
    private async Task<StreamEndKind> DrainAsync(Stream upstream, KeptBody kept, byte[] buffer)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        bound.CancelAfter(DrainLimit);
        try
        {
            int read;
            while ((read = await upstream.ReadAsync(buffer, bound.Token).ConfigureAwait(false)) > 0) kept.Add(buffer.AsSpan(0, read));
            return StreamEndKind.Clean;
        }
        catch (OperationCanceledException)
        {
            return StreamEndKind.Timeout;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return StreamEndKind.Aborted;
        }
    }

    /// <summary>The injected expiry: 404, as a server answers a session it no longer knows.</summary>
    private async Task<WireResponse> ExpireAsync(HttpContext http, int index)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        var headers = HeaderList.Of(("X-McpFuzz-Fault", "expire-session"));
        http.Response.Headers["X-McpFuzz-Fault"] = "expire-session";
        await http.Response.CompleteAsync().ConfigureAwait(false);
        var at = DateTimeOffset.UtcNow;
        _log?.ResponseHead(index, 404, headers, at);
        _log?.End(index, new WireStreamEnd(StreamEndKind.Clean, at));
        return new WireResponse(404, headers, [], [], new WireStreamEnd(StreamEndKind.Clean, at), at);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancel)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancel).ConfigureAwait(false);
        return body.ToArray();
    }

    private static IEnumerable<HeaderField> RequestHeaders(HttpRequest request)
    {
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values) if (value is not null) yield return new HeaderField(name, value);
        }
    }

    /// <summary>The request target's path and query as the client sent them (an absolute-form
    /// target names a host, which the proxy ignores: it only ever talks to its upstream).</summary>
    private static string PathAndQuery(HttpContext http)
    {
        string raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "/";
        if (raw.StartsWith('/')) return raw;
        return Uri.TryCreate(raw, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : "/";
    }
}
