using System.Net;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.JsonRpc;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Server;

/// <summary>
/// Sends one request to the server under test and reads its answer within <see cref="ProbeLimits"/>:
/// no redirects are followed, bodies and event counts are capped, every exchange has a deadline.
/// Every exchange goes to the wire log as it happens. A connection that fails gives an exchange
/// without a response and the reason in <see cref="LastError"/>.
/// </summary>
public sealed class HttpProbe : IDisposable
{
    private readonly HttpClient _client;
    private readonly WireLogWriter? _log;
    private readonly object _gate = new();
    private int _next;

    public HttpProbe(ProbeLimits limits, WireLogWriter? log)
    {
        Limits = limits;
        _log = log;
        _client = CreateClient(limits);
    }

    /// <summary>A client that never follows redirects (they may lead to another origin), sends no
    /// cookies, uses no proxy and caps the response head; deadlines are per exchange.</summary>
    public static HttpClient CreateClient(ProbeLimits limits) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = limits.Timeout,
        AutomaticDecompression = DecompressionMethods.None,
        MaxResponseHeadersLength = 64,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public ProbeLimits Limits { get; }

    public string? LastError { get; private set; }

    /// <summary>Sends <paramref name="request"/> (an absolute URL). <paramref name="listen"/>: read
    /// an event stream only for the listening window, as a client does with a GET stream.</summary>
    public async Task<WireExchange> SendAsync(WireRequest request, bool listen = false, CancellationToken cancel = default)
    {
        int index;
        lock (_gate) index = _next++;
        request = request with { At = DateTimeOffset.UtcNow };
        _log?.Request(index, request);
        LastError = null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(Limits.Timeout);
        try
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
            if (request.Body.Length > 0 || request.Method == "POST") message.Content = new ByteArrayContent(request.Body);
            foreach (var field in request.Headers)
            {
                if (!message.Headers.TryAddWithoutValidation(field.Name, field.Value)) message.Content?.Headers.TryAddWithoutValidation(field.Name, field.Value);
            }

            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var headers = HeadersOf(response);
            var at = DateTimeOffset.UtcNow;
            _log?.ResponseHead(index, (int)response.StatusCode, headers, at);
            var head = new WireResponse((int)response.StatusCode, headers, [], [], null, at);
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            var answered = head.IsEventStream
                ? await ReadEventsAsync(index, head, body, listen, deadline.Token).ConfigureAwait(false)
                : await ReadBodyAsync(index, head, body, deadline.Token).ConfigureAwait(false);
            return new WireExchange(index, request, answered);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            LastError = e is OperationCanceledException ? $"no answer within {Limits.Timeout.TotalSeconds:0.#} s" : Reason(e);
            _log?.End(index, new WireStreamEnd(StreamEndKind.Timeout, DateTimeOffset.UtcNow));
            return new WireExchange(index, request, null);
        }
    }

    private async Task<WireResponse> ReadBodyAsync(int index, WireResponse head, Stream body, CancellationToken cancel)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        var kind = StreamEndKind.Clean;
        try
        {
            while (true)
            {
                int read = await body.ReadAsync(chunk, cancel).ConfigureAwait(false);
                if (read == 0) break;
                buffer.Write(chunk, 0, Math.Min(read, Limits.MaxBodyBytes - (int)buffer.Length));
                if (buffer.Length >= Limits.MaxBodyBytes)
                {
                    kind = StreamEndKind.Aborted;
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            kind = StreamEndKind.Timeout;
        }
        catch (IOException)
        {
            kind = StreamEndKind.Aborted;
        }

        var bytes = buffer.ToArray();
        _log?.Body(index, bytes);
        var end = new WireStreamEnd(kind, DateTimeOffset.UtcNow);
        _log?.End(index, end);
        return head with { Body = bytes, End = end };
    }

    private async Task<WireResponse> ReadEventsAsync(int index, WireResponse head, Stream body, bool listen, CancellationToken cancel)
    {
        var events = new List<WireSseEvent>();
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (listen) window.CancelAfter(Limits.Listen);
        var kind = StreamEndKind.Timeout;
        var options = new SseReaderOptions { MaxLineLength = Limits.MaxBodyBytes, MaxEventSize = Limits.MaxBodyBytes, MaxEvents = Limits.MaxEvents + 1 };
        try
        {
            await foreach (var record in SseStreamReader.ReadAsync(body, options, cancellationToken: window.Token).ConfigureAwait(false))
            {
                if (record.Kind == SseRecordKind.End)
                {
                    kind = record.End.EndedInsideEvent || record.End.Limit != SseLimit.None ? StreamEndKind.Aborted : StreamEndKind.Clean;
                    break;
                }

                if (record.Kind != SseRecordKind.Event) continue;
                var item = WireSseEvent.From(record, DateTimeOffset.UtcNow);
                events.Add(item);
                _log?.Event(index, item);
                if (events.Count >= Limits.MaxEvents)
                {
                    kind = StreamEndKind.Aborted;
                    break;
                }

                // A server should end the stream after the response; give it a moment, not the whole deadline.
                if (!listen && IsResponse(item)) window.CancelAfter(TimeSpan.FromMilliseconds(500));
            }
        }
        catch (OperationCanceledException)
        {
            kind = StreamEndKind.Timeout;
        }
        catch (IOException)
        {
            kind = StreamEndKind.Aborted;
        }

        var end = new WireStreamEnd(kind, DateTimeOffset.UtcNow);
        _log?.End(index, end);
        return head with { Events = events, End = end };
    }

    public static bool IsResponse(WireSseEvent item) =>
        item.Data.Length > 0 && JsonRpcClassifier.Classify(System.Text.Encoding.UTF8.GetBytes(item.Data)).IsResponse;

    public static HeaderList HeadersOf(HttpResponseMessage response)
    {
        var pairs = new List<(string, string)>();
        foreach (var (name, values) in response.Headers) foreach (var v in values) pairs.Add((name, v));
        foreach (var (name, values) in response.Content.Headers) foreach (var v in values) pairs.Add((name, v));
        return HeaderList.Of(pairs.ToArray());
    }

    private static string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner.Message;
    }

    public void Dispose() => _client.Dispose();
}
