using McpFuzz.Driver.Wire;
using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.JsonRpc;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Client;

/// <summary>A deviation and the exchange that showed it (null for what the client never did).</summary>
public sealed record ServedDeviation(ClientDeviation Deviation, int? Exchange);

/// <summary>What the client did, judged: the exchanges (for the wire log and findings), each
/// deviation, the rules checked, the revision the client was held to, and what had no abstract value.</summary>
/// <param name="LegacyOnly">The client began with a GET of the URL and never POSTed to it: it speaks HTTP+SSE only.</param>
public sealed record ServedVerdict(PeerRevision Client, IReadOnlyList<WireExchange> Exchanges, IReadOnlyList<ServedDeviation> Deviations, IReadOnlyList<string> Checked,
    IReadOnlyList<string> Unreadable, bool LegacyOnly);

/// <summary>
/// Replays what <see cref="ServedTraffic"/> recorded, in order, through the wire abstraction into
/// the <see cref="ClientOracle"/>: each request as it arrived, each response head, each SSE event
/// as its bytes were written, each end. The client is held to <c>--revision</c>, or else to the
/// newest version it offered in initialize.
/// </summary>
public static class ServedJudge
{
    public static ServedVerdict Judge(IReadOnlyList<ServedEntry> entries, PeerRevision? revision, ClientEnding ending)
    {
        var peer = revision ?? Offered(entries) ?? PeerRevision.V2025_11_25;
        var oracle = new ClientOracle(peer);
        var abstraction = new Abstraction();
        var exchanges = new SortedDictionary<int, Building>();
        var deviations = new List<ServedDeviation>();
        var unreadable = new List<string>();
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            if (entry.Kind == ServedKind.Request)
            {
                var built = exchanges[entry.Exchange] = new Building(entry.Request!);
                // Authorization discovery is judged on its own (ServedDiscovery): not MCP traffic.
                if (IsAuthorizationTraffic(entry.Request!)) continue;
                var request = abstraction.Request(entry.Request!);
                if (!request.IsAbstract)
                {
                    unreadable.Add($"exchange {entry.Exchange}: {request.Reason}");
                    continue;
                }

                built.Abstract = true;
                deviations.AddRange(oracle.Sent(entry.Exchange, request.Value).Deviations.Select(d => new ServedDeviation(d, entry.Exchange)));
                continue;
            }

            if (!exchanges.TryGetValue(entry.Exchange, out var known)) continue;
            switch (entry.Kind)
            {
                case ServedKind.Head:
                    known.Status = entry.Status;
                    known.Headers = entry.Headers!;
                    if (known.Response.IsEventStream) Answer(known, abstraction, oracle, entry.Exchange, unreadable);
                    break;
                case ServedKind.Chunk when known.Response.IsEventStream:
                    Events(known, entry, abstraction, oracle, unreadable);
                    break;
                case ServedKind.Chunk:
                    known.Body.Write(entry.Bytes!);
                    break;
                case ServedKind.End:
                    known.End = new WireStreamEnd(entry.End, entry.At);
                    if (!known.Response.IsEventStream) Answer(known, abstraction, oracle, entry.Exchange, unreadable);
                    if (known.Abstract) oracle.Ended(entry.Exchange, entry.End == StreamEndKind.Aborted ? StreamEnd.Aborted : StreamEnd.Clean);
                    break;
            }
        }

        deviations.AddRange(oracle.Finish(ending).Deviations.Select(d => new ServedDeviation(d, null)));
        var wire = exchanges.Select(e => new WireExchange(e.Key, e.Value.Request, e.Value.Status == 0 ? null : e.Value.Response)).ToArray();
        bool legacyOnly = wire.Length > 0 && wire[0].Request.Method == "GET" && !wire.Any(e => e.Request.Method == "POST" && SamePath(e.Request.Url, wire[0].Request.Url));
        return new ServedVerdict(peer, wire, deviations, oracle.Checked.ToArray(), unreadable, legacyOnly);
    }

    /// <summary>The newest version the client offered in an initialize, as the peer it claims to be.</summary>
    private static PeerRevision? Offered(IReadOnlyList<ServedEntry> entries)
    {
        foreach (var entry in entries.Where(e => e.Kind == ServedKind.Request).OrderBy(e => e.Sequence))
        {
            var body = entry.Request!.Body;
            var envelope = JsonRpcClassifier.Classify(body);
            if (envelope.Kind != JsonRpcKind.Request) continue;
            // A probe with server/discover first is the dual-era client's way in (modern.dual-era-probe).
            if (envelope.MethodName(body) == "server/discover") return PeerRevision.DualEra;
            if (envelope.MethodName(body) != "initialize") continue;
            string? version = JsonRpcMembers.FindString(envelope.Params.Of(body), "protocolVersion"u8);
            if (version is not null && Revisions.TryParse(version, out var offered)) return offered == Revision.V2026_07_28 ? PeerRevision.DualEra : (PeerRevision)(int)offered;
        }

        return null;
    }

    /// <summary>A metadata document or an authorization endpoint of the protected reference server.</summary>
    public static bool IsAuthorizationTraffic(WireRequest request)
    {
        string path = new Uri(request.Url).AbsolutePath;
        return path.StartsWith("/.well-known/", StringComparison.Ordinal) || path is "/authorize" or "/token" or "/register";
    }

    private static bool SamePath(string a, string b) => new Uri(a).AbsolutePath == new Uri(b).AbsolutePath;

    private static void Answer(Building known, Abstraction abstraction, ClientOracle oracle, int exchange, List<string> unreadable)
    {
        if (!known.Abstract || known.Answered) return;
        known.Answered = true;
        var head = abstraction.Response(known.Response);
        if (head.IsAbstract) oracle.Answered(exchange, head.Value);
        else unreadable.Add($"exchange {exchange}: response: {head.Reason}");
    }

    private static void Events(Building known, ServedEntry entry, Abstraction abstraction, ClientOracle oracle, List<string> unreadable)
    {
        ReadOnlySpan<byte> chunk = entry.Bytes;
        while (true)
        {
            var token = known.Reader.Read(chunk, out int consumed, out SseEvent item);
            chunk = chunk[consumed..];
            if (token != SseToken.Event) break;
            var wire = WireSseEvent.From(item, entry.At);
            known.Events.Add(wire);
            if (!known.Abstract) continue;
            var abstracted = abstraction.Event(wire);
            if (abstracted.IsAbstract) oracle.Received(entry.Exchange, abstracted.Value);
            else unreadable.Add($"exchange {entry.Exchange}: SSE event: {abstracted.Reason}");
        }
    }

    private sealed class Building(WireRequest request)
    {
        public WireRequest Request { get; } = request;

        public bool Abstract { get; set; }

        public bool Answered { get; set; }

        public int Status { get; set; }

        public Model.Wire.Http.HeaderList Headers { get; set; } = Model.Wire.Http.HeaderList.Empty;

        public MemoryStream Body { get; } = new();

        public List<WireSseEvent> Events { get; } = [];

        public SseReader Reader { get; } = new();

        public WireStreamEnd? End { get; set; }

        public WireResponse Response => new(Status, Headers, IsStream ? [] : Body.ToArray(), Events, End);

        private bool IsStream => Model.Wire.Http.MediaType.IsEventStreamContentType(Headers.Get(Model.Wire.Http.HeaderNames.ContentType));
    }
}
