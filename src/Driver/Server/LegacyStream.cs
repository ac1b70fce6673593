using System.Collections.Concurrent;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Server;

/// <summary>
/// An HTTP+SSE (2024-11-05) connection: the GET stream is held open and read in the background, and
/// each POST to the announced endpoint is judged together with the events the stream carried for
/// it (the answer to a legacy POST arrives there, not in the POST's response). Every wait keeps the
/// run's <see cref="ProbeLimits"/>.
/// </summary>
public sealed class LegacyStream : IAsyncDisposable
{
    private const int MaxStreamEvents = 10_000;

    private readonly Conversation _conversation;
    private readonly HttpClient _client;
    private readonly ConcurrentQueue<WireSseEvent> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    private LegacyStream(Conversation conversation)
    {
        _conversation = conversation;
        _client = HttpProbe.CreateClient(conversation.Limits);
    }

    /// <summary>The POST URI the <c>endpoint</c> event announced.</summary>
    public Uri Endpoint { get; private set; } = null!;

    private ProbeLimits Limits => _conversation.Limits;

    /// <summary>GETs the SSE URL and judges the head and first event. Null when the stream did not
    /// open with an <c>endpoint</c> event (the judgement says why).</summary>
    public static async Task<LegacyStream?> OpenAsync(Conversation c)
    {
        var stream = new LegacyStream(c);
        if (await stream.ConnectAsync().ConfigureAwait(false)) return stream;
        await stream.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private async Task<bool> ConnectAsync()
    {
        var c = _conversation;
        var request = new WireRequest("GET", c.Url.AbsoluteUri, c.Spelling.Headers(null, null, post: false), [], DateTimeOffset.UtcNow);
        try
        {
            using var timeout = new CancellationTokenSource(Limits.Timeout);
            using var message = new HttpRequestMessage(HttpMethod.Get, c.Url);
            foreach (var h in request.Headers) message.Headers.TryAddWithoutValidation(h.Name, h.Value);
            var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var head = new WireResponse((int)response.StatusCode, HttpProbe.HeadersOf(response), [], [], null, DateTimeOffset.UtcNow);
            if (!head.IsEventStream)
            {
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                c.Record(c.Judge.Judge(new WireExchange(0, request, head with { Body = body.Take(Limits.MaxBodyBytes).ToArray(), End = new WireStreamEnd(StreamEndKind.Clean) })));
                return false;
            }

            var events = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            _reader = Task.Run(() => ReadAsync(events));
            var first = await NextAsync(Limits.Timeout).ConfigureAwait(false);
            c.Record(c.Judge.Judge(new WireExchange(0, request, head with { Events = first is null ? [] : [first] })));
            if (first?.Type != "endpoint" || !c.Going) return false;
            Endpoint = new Uri(c.Url, first.Data);
            // The user's headers (a token) go to the origin they named, and traffic only to the
            // server under test: an endpoint elsewhere is reported, not followed.
            if (Endpoint.GetLeftPart(UriPartial.Authority) == c.Url.GetLeftPart(UriPartial.Authority)) return true;
            c.Skipped = $"the endpoint event names another origin ({Endpoint.GetLeftPart(UriPartial.Authority)}); McpFuzz posts only to the server it was given";
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or UriFormatException)
        {
            c.Record(new JudgedExchange(new WireExchange(0, request, null), null, null, null, "no answer"));
            return false;
        }
    }

    /// <summary>POSTs to the endpoint; <paramref name="request"/>: whether a response should come back on the stream.</summary>
    public Task PostAsync(byte[] body, bool request) => PostToAsync(Endpoint, body, request);

    /// <summary>POSTs to the endpoint's path with a session the server never announced.</summary>
    public Task PostUnboundAsync(byte[] body) =>
        PostToAsync(new UriBuilder(Endpoint) { Query = "sessionId=" + ServerScenarios.UnknownSession }.Uri, body, request: false);

    private async Task PostToAsync(Uri target, byte[] body, bool request)
    {
        if (!_conversation.Going) return;
        while (_events.TryDequeue(out _))
        {
        }

        var post = new WireRequest("POST", target.AbsoluteUri, _conversation.Spelling.Headers(null, null, post: true), body);
        await _conversation.SendAsync(post, streamEvents: () => CollectAsync(request)).ConfigureAwait(false);
    }

    /// <summary>The events that arrive until a response (for a notification: until a quiet listening window passes).</summary>
    private async Task<IReadOnlyList<WireSseEvent>> CollectAsync(bool request)
    {
        var collected = new List<WireSseEvent>();
        var deadline = DateTime.UtcNow + (request ? Limits.Timeout : Limits.Listen);
        while (collected.Count < Limits.MaxEvents && await NextAsync(deadline - DateTime.UtcNow).ConfigureAwait(false) is { } next)
        {
            collected.Add(next);
            if (request && HttpProbe.IsResponse(next)) break;
        }

        return collected;
    }

    private async Task<WireSseEvent?> NextAsync(TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero || !await _arrived.WaitAsync(wait).ConfigureAwait(false)) return null;
        return _events.TryDequeue(out var item) ? item : null;
    }

    private async Task ReadAsync(Stream body)
    {
        try
        {
            var options = new SseReaderOptions { MaxEventSize = Limits.MaxBodyBytes, MaxLineLength = Limits.MaxBodyBytes, MaxEvents = MaxStreamEvents };
            await foreach (var record in SseStreamReader.ReadAsync(body, options, cancellationToken: _stop.Token).ConfigureAwait(false))
            {
                if (record.Kind != SseRecordKind.Event) continue;
                _events.Enqueue(WireSseEvent.From(record, DateTimeOffset.UtcNow));
                _arrived.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // The stream ended or was stopped; what arrived stays queued.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        _client.Dispose();
        _stop.Dispose();
    }
}
