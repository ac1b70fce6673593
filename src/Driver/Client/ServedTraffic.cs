using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.JsonRpc;
using Microsoft.AspNetCore.Http;

namespace McpFuzz.Driver.Client;

/// <summary>What one entry of <see cref="ServedTraffic"/> records.</summary>
public enum ServedKind : byte
{
    Request,
    Head,
    Chunk,
    End,
}

/// <summary>One thing the server saw or did, numbered in the order it happened (server side:
/// a response part is recorded before the client could have read it, so the order is causal).</summary>
public sealed record ServedEntry(long Sequence, int Exchange, ServedKind Kind, DateTimeOffset At)
{
    public WireRequest? Request { get; init; }

    public int Status { get; init; }

    public HeaderList? Headers { get; init; }

    public byte[]? Bytes { get; init; }

    public StreamEndKind End { get; init; }
}

/// <summary>
/// Middleware in front of the reference server that records every exchange a client makes with it
/// (the request as the client sent it, the response head, each body write, how the body ended) and,
/// when the scenario says so, expires the client's session: from then on the session id is handed
/// to the server changed, so the server answers it as unknown (404), as a server that lost the session does.
/// </summary>
public sealed class ServedTraffic
{
    /// <summary>At most this many exchanges are recorded (a client in a loop is stopped by its timeout).</summary>
    public const int MaxExchanges = 2000;

    private readonly Lock _gate = new();
    private readonly List<ServedEntry> _entries = [];
    private readonly HashSet<string> _expired = new(StringComparer.Ordinal);
    private readonly int _expireAt;
    private int _exchanges;
    private int _sessionRequests;
    private long _sequence;

    private readonly ClosedGetStreams? _closedGets;
    private readonly TimeSpan _holdToolCalls;
    private int _closedGetCount;

    /// <param name="expireAt">Expire the session at the client's n-th JSON-RPC request that names
    /// one (1-based; 0: never).</param>
    /// <param name="closedGets">Answer the session's GET streams here, closing each at once.</param>
    /// <param name="holdToolCalls">Pass a tools/call on to the server only after this long (a slow
    /// tool keeps the client connected while its GET stream keeps closing).</param>
    public ServedTraffic(int expireAt = 0, ClosedGetStreams? closedGets = null, TimeSpan holdToolCalls = default)
    {
        _expireAt = expireAt;
        _closedGets = closedGets;
        _holdToolCalls = holdToolCalls;
    }

    /// <summary>Every entry so far, in order.</summary>
    public IReadOnlyList<ServedEntry> Entries
    {
        get
        {
            lock (_gate) return [.. _entries];
        }
    }

    public int Exchanges
    {
        get
        {
            lock (_gate) return _exchanges;
        }
    }

    public async Task TapAsync(HttpContext http, RequestDelegate next)
    {
        var request = await ReadAsync(http.Request).ConfigureAwait(false);
        int exchange;
        lock (_gate)
        {
            if (_exchanges >= MaxExchanges)
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return;
            }

            exchange = _exchanges++;
            Add(new ServedEntry(0, exchange, ServedKind.Request, request.At!.Value) { Request = request });
            Expire(request, http.Request);
        }

        bool started = false;
        void Head()
        {
            lock (_gate)
            {
                if (started) return;
                started = true;
                var headers = HeaderList.From(http.Response.Headers.SelectMany(h => h.Value.Select(v => new HeaderField(h.Key, v ?? ""))));
                Add(new ServedEntry(0, exchange, ServedKind.Head, DateTimeOffset.UtcNow) { Status = http.Response.StatusCode, Headers = headers });
            }
        }

        http.Response.OnStarting(() =>
        {
            Head();
            return Task.CompletedTask;
        });
        var original = http.Response.Body;
        http.Response.Body = new TeeStream(original, bytes =>
        {
            Head();
            lock (_gate) Add(new ServedEntry(0, exchange, ServedKind.Chunk, DateTimeOffset.UtcNow) { Bytes = bytes });
        });
        try
        {
            if (_closedGets is { } closing && ClosedGetStreams.Applies(request)) await closing.AnswerAsync(http, Interlocked.Increment(ref _closedGetCount)).ConfigureAwait(false);
            else
            {
                if (_holdToolCalls > TimeSpan.Zero && IsToolCall(request)) await Hold(http.RequestAborted).ConfigureAwait(false);
                await next(http).ConfigureAwait(false);
            }
        }
        finally
        {
            http.Response.Body = original;
            Head();
            var end = http.RequestAborted.IsCancellationRequested ? StreamEndKind.Aborted : StreamEndKind.Clean;
            lock (_gate) Add(new ServedEntry(0, exchange, ServedKind.End, DateTimeOffset.UtcNow) { End = end });
        }
    }

    /// <summary>Under the lock: counts the request toward the expiry and, once the session is
    /// expired, hands the server an id it never minted.</summary>
    private void Expire(WireRequest wire, HttpRequest request)
    {
        string? session = wire.Headers.Get(HeaderNames.SessionId);
        if (session is null) return;
        if (_expireAt > 0 && JsonRpcClassifier.Classify(wire.Body).Kind == JsonRpcKind.Request && ++_sessionRequests == _expireAt) _expired.Add(session);
        if (_expired.Contains(session)) request.Headers[HeaderNames.SessionId] = "expired-" + session;
    }

    private static bool IsToolCall(WireRequest request)
    {
        if (request.Method != "POST") return false;
        var envelope = JsonRpcClassifier.Classify(request.Body);
        return envelope.Kind == JsonRpcKind.Request && envelope.MethodName(request.Body) == "tools/call";
    }

    private async Task Hold(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(_holdToolCalls, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up on the call; the server answers into the closed connection.
        }
    }

    private void Add(ServedEntry entry) => _entries.Add(entry with { Sequence = _sequence++ });

    private static async Task<WireRequest> ReadAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body).ConfigureAwait(false);
        request.Body.Position = 0;
        var headers = HeaderList.From(request.Headers.SelectMany(h => h.Value.Select(v => new HeaderField(h.Key, v ?? ""))));
        string url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        return new WireRequest(request.Method, url, headers, body.ToArray(), DateTimeOffset.UtcNow);
    }

    /// <summary>Passes writes through and hands a copy of each to the recorder.</summary>
    private sealed class TeeStream(Stream inner, Action<byte[]> record) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (count > 0) record(buffer.AsSpan(offset, count).ToArray());
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.Length > 0) record(buffer.ToArray());
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
