using System.Collections.Concurrent;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Server;

/// <summary>
/// An HTTP+SSE (2024-11-05) connection: the GET stream is held open and read in the background, and
/// each POST to the announced endpoint is judged together with the events the stream carried for
/// it (the answer to a legacy POST arrives there, not in the POST's response).
/// </summary>
public sealed class LegacyStream : IAsyncDisposable
{
    private readonly Conversation _conversation;
    private readonly ConcurrentQueue<WireSseEvent> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _client;
    private readonly Task _reader;
    private readonly SemaphoreSlim _arrived = new(0);

    private LegacyStream(Conversation conversation, HttpClient client, Stream body, Uri endpoint)
    {
        _conversation = conversation;
        _client = client;
        Endpoint = endpoint;
        _reader = Task.Run(() => ReadAsync(body));
    }

    public Uri Endpoint { get; }

    /// <summary>GETs the SSE URL, judges the head and first event, and keeps reading. Null when the
    /// stream did not open with an <c>endpoint</c> event (the judgement says why).</summary>
    public static async Task<LegacyStream?> OpenAsync(Conversation c)
    {
        var limits = ProbeLimits.Default;
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = limits.Timeout }) { Timeout = Timeout.InfiniteTimeSpan };
        var request = new WireRequest("GET", c.Url.AbsoluteUri, c.Spelling.Headers(null, null, post: false), [], DateTimeOffset.UtcNow);
        try
        {
            using var timeout = new CancellationTokenSource(limits.Timeout);
            using var message = new HttpRequestMessage(HttpMethod.Get, c.Url);
            foreach (var h in request.Headers) message.Headers.TryAddWithoutValidation(h.Name, h.Value);
            var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var headers = HeaderList.Of(response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => (h.Key, v))).ToArray());
            var head = new WireResponse((int)response.StatusCode, headers, [], [], null, DateTimeOffset.UtcNow);
            if (!head.IsEventStream)
            {
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                c.Record(c.Judge.Judge(new WireExchange(0, request, head with { Body = body.Take(4096).ToArray(), End = new WireStreamEnd(StreamEndKind.Clean) })));
                client.Dispose();
                return null;
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var opened = new LegacyStream(c, client, stream, c.Url);
            var first = await opened.NextAsync(limits.Timeout);
            var exchange = new WireExchange(0, request, head with { Events = first is null ? [] : [first] });
            var judged = c.Judge.Judge(exchange);
            c.Record(judged);
            if (first?.Type != "endpoint" || !c.Going)
            {
                await opened.DisposeAsync();
                return null;
            }

            return new LegacyStream(opened, new Uri(c.Url, first.Data));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or UriFormatException)
        {
            c.Record(new JudgedExchange(new WireExchange(0, request, null), null, null, null, "no answer"));
            client.Dispose();
            return null;
        }
    }

    private LegacyStream(LegacyStream opened, Uri endpoint)
    {
        _conversation = opened._conversation;
        _client = opened._client;
        _events = opened._events;
        _stop = opened._stop;
        _reader = opened._reader;
        _arrived = opened._arrived;
        Endpoint = endpoint;
    }

    /// <summary>POSTs to the endpoint; <paramref name="id"/> is the request id whose response the
    /// stream should carry (null for a notification).</summary>
    public Task PostAsync(byte[] body, string? id) => PostToAsync(Endpoint, body, id);

    /// <summary>POSTs to the endpoint's path with a session the server never announced.</summary>
    public Task PostUnboundAsync(byte[] body)
    {
        var builder = new UriBuilder(Endpoint) { Query = "sessionId=mcpfuzz-never-assigned" };
        return PostToAsync(builder.Uri, body, null);
    }

    private async Task PostToAsync(Uri target, byte[] body, string? id)
    {
        if (!_conversation.Going) return;
        while (_events.TryDequeue(out _))
        {
        }

        var request = new WireRequest("POST", target.AbsoluteUri, _conversation.Spelling.Headers(null, null, post: true), body);
        await _conversation.SendAsync(request, streamEvents: () => CollectAsync(id)).ConfigureAwait(false);
    }

    /// <summary>The events that arrive until the response to <paramref name="id"/> (or, for a
    /// notification, a short quiet period).</summary>
    private async Task<IReadOnlyList<WireSseEvent>> CollectAsync(string? id)
    {
        var collected = new List<WireSseEvent>();
        var deadline = DateTime.UtcNow + (id is null ? TimeSpan.FromMilliseconds(300) : ProbeLimits.Default.Timeout);
        while (DateTime.UtcNow < deadline && collected.Count < ProbeLimits.Default.MaxEvents)
        {
            var next = await NextAsync(deadline - DateTime.UtcNow).ConfigureAwait(false);
            if (next is null) break;
            collected.Add(next);
            if (id is not null && next.Data.Contains($"\"id\":{id}", StringComparison.Ordinal)) break;
        }

        return collected;
    }

    private async Task<WireSseEvent?> NextAsync(TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero) return null;
        if (!await _arrived.WaitAsync(wait).ConfigureAwait(false)) return null;
        return _events.TryDequeue(out var item) ? item : null;
    }

    private async Task ReadAsync(Stream body)
    {
        try
        {
            var options = new SseReaderOptions { MaxEventSize = ProbeLimits.Default.MaxBodyBytes, MaxLineLength = ProbeLimits.Default.MaxBodyBytes };
            int count = 0;
            await foreach (var record in SseStreamReader.ReadAsync(body, options, cancellationToken: _stop.Token).ConfigureAwait(false))
            {
                if (record.Kind != SseRecordKind.Event) continue;
                _events.Enqueue(new WireSseEvent(record.Type, record.HasId ? record.LastEventId : null, record.Data, record.Retry, record.Flags, DateTimeOffset.UtcNow));
                _arrived.Release();
                if (++count >= 10_000) break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        _client.Dispose();
    }
}
