using System.Text;
using System.Text.Json;
using McpFuzz.Driver.Wire;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// Pairs the POSTs of an HTTP+SSE (2024-11-05) conversation with their answers, which the server
/// sends as <c>message</c> events on the GET stream: a POST's answer is the response event whose
/// JSON-RPC id (or, for a batch, set of ids) is its request's. A POST waits for it at most
/// <see cref="Bound"/>, or until the stream ends; then it is judged with nothing on the stream,
/// which the server machine reads as an unanswered request.
/// </summary>
public sealed class LegacyAnswers(TimeSpan bound)
{
    /// <summary>Responses that arrived before a POST asked for them (its 202 still on the way) are kept, up to this many.</summary>
    public const int MaxUnclaimed = 1_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, WireSseEvent> _unclaimed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Waiter> _waiting = new(StringComparer.Ordinal);
    private bool _closed;

    public TimeSpan Bound => bound;

    /// <summary>An event of the GET stream, as it passes.</summary>
    public void Event(WireSseEvent e)
    {
        if (e.Type != "message" || ResponseKey(e.Data) is not { } key) return;
        Waiter? waiter;
        lock (_gate)
        {
            if (!_waiting.Remove(key, out waiter))
            {
                if (_unclaimed.Count < MaxUnclaimed) _unclaimed.TryAdd(key, e);
                return;
            }
        }

        waiter.Complete([e]);
    }

    /// <summary>Calls <paramref name="judge"/> once with the stream's answer to a POST whose body is
    /// <paramref name="body"/>: at once (no events) when it carries no request, else when the
    /// answer arrives, the bound passes or the stream ends.</summary>
    public void Await(byte[] body, Action<IReadOnlyList<WireSseEvent>> judge)
    {
        if (RequestKey(body) is not { } key)
        {
            judge([]);
            return;
        }

        var waiter = new Waiter(judge);
        WireSseEvent? arrived;
        lock (_gate)
        {
            if (!_unclaimed.Remove(key, out arrived))
            {
                if (_closed || !_waiting.TryAdd(key, waiter)) arrived = null;
                else
                {
                    waiter.Expire(bound, () =>
                    {
                        lock (_gate) _waiting.Remove(key);
                    });
                    return;
                }
            }
        }

        waiter.Complete(arrived is null ? [] : [arrived]);
    }

    /// <summary>The GET stream ended: no answer comes any more.</summary>
    public void Close()
    {
        Waiter[] left;
        lock (_gate)
        {
            _closed = true;
            left = _waiting.Values.ToArray();
            _waiting.Clear();
        }

        foreach (var waiter in left) waiter.Complete([]);
    }

    /// <summary>The ids of the requests in a POST body (one, or a batch's, sorted), or null when it carries none.</summary>
    public static string? RequestKey(byte[] body) => Key(body, request: true);

    /// <summary>The ids of the responses in an event's data, or null when it carries none.</summary>
    public static string? ResponseKey(string data) => data.Length == 0 ? null : Key(Encoding.UTF8.GetBytes(data), request: false);

    private static string? Key(byte[] json, bool request)
    {
        if (json.Length == 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var ids = new List<string>();
            foreach (var message in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root])
            {
                if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("id", out var id) || id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)) continue;
                bool isRequest = message.TryGetProperty("method", out _);
                bool isResponse = message.TryGetProperty("result", out _) || message.TryGetProperty("error", out _);
                if (request ? isRequest : isResponse && !isRequest) ids.Add(id.GetRawText());
            }

            ids.Sort(StringComparer.Ordinal);
            return ids.Count == 0 ? null : string.Join(",", ids);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One POST waiting for its answer; judged exactly once.</summary>
    private sealed class Waiter(Action<IReadOnlyList<WireSseEvent>> judge)
    {
        private int _done;
        private Timer? _timer;

        public void Expire(TimeSpan after, Action forget) => _timer = new Timer(_ =>
        {
            forget();
            Complete([]);
        }, null, after, Timeout.InfiniteTimeSpan);

        public void Complete(IReadOnlyList<WireSseEvent> events)
        {
            if (Interlocked.Exchange(ref _done, 1) != 0) return;
            _timer?.Dispose();
            judge(events);
        }
    }
}
