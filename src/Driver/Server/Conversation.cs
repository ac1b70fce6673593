using System.Text.Json;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Server;

/// <summary>
/// One scenario's conversation with the server under test: it sends what a client of the revision
/// sends (or a probe's variation of it), and every answer goes to the <see cref="ExchangeJudge"/>.
/// The first answer no conforming server gives stops the conversation, since later steps would
/// build on it.
/// </summary>
public sealed class Conversation(HttpProbe probe, Uri url, Revision revision, PeerRevision server, IReadOnlyList<(string, string)> headers, string scenario)
{
    private readonly List<Finding> _findings = [];
    private readonly HashSet<string> _checked = [];
    private readonly Dictionary<int, string?> _errors = [];

    public RequestSpelling Spelling { get; } = new(revision, headers);

    public ExchangeJudge Judge { get; } = new(server, revision);

    public Revision Revision => revision;

    public Uri Url => url;

    public ProbeLimits Limits => probe.Limits;

    public string? Session { get; private set; }

    public string? Negotiated { get; private set; }

    /// <summary>Set when a step could not go on: a deviation the rest depends on, or no answer.</summary>
    public string? Stopped { get; private set; }

    /// <summary>Set when the server gave the scenario nothing to test (e.g. no event ids to resume).</summary>
    public string? Skipped { get; set; }

    public IReadOnlyList<Finding> Findings => _findings;

    public IReadOnlyCollection<string> Checked => _checked;

    public bool Going => Stopped is null && Skipped is null;

    public string? VersionHeader => Spelling.VersionHeaderAfterInitialize ? Negotiated : null;

    /// <param name="session">A session id to send along: a client repeating initialize inside its session.</param>
    public async Task<JudgedExchange?> InitializeAsync(string? version = null, string? origin = null, string? session = null)
    {
        if (!Going) return null;
        string id = Spelling.NextId();
        var request = new WireRequest("POST", url.AbsoluteUri, Spelling.Headers(session, null, post: true, origin: origin), Spelling.Initialize(version ?? revision.ToText(), id));
        var judged = await SendAsync(request).ConfigureAwait(false);
        if (judged?.Exchange.Response is { Status: >= 200 and < 300 } response && origin is null)
        {
            Session = response.Headers.Get(HeaderNames.SessionId) ?? session;
            Negotiated = ProtocolVersionOf(response) ?? Negotiated;
        }

        return judged;
    }

    public Task<JudgedExchange?> InitializedAsync() =>
        PostAsync(RequestSpelling.Initialized(), Session, VersionHeader);

    /// <summary>Initialize and <c>notifications/initialized</c>: the session every later probe uses.</summary>
    public async Task<bool> OpenSessionAsync()
    {
        await InitializeAsync().ConfigureAwait(false);
        await InitializedAsync().ConfigureAwait(false);
        return Going;
    }

    public Task<JudgedExchange?> RequestAsync(string? session, string? versionHeader) =>
        PostAsync(Spelling.Request(Spelling.NextId()), session, versionHeader, Spelling.Modern ? Spelling.RequestMethod : null);

    /// <summary>Several ordinary requests in flight at once, each on its own POST; the answers are
    /// judged in the order the requests were written, once all have come back.</summary>
    public async Task<IReadOnlyList<JudgedExchange>> RequestsTogetherAsync(int count, string? session, string? versionHeader)
    {
        if (!Going) return [];
        string? method = Spelling.Modern ? Spelling.RequestMethod : null;
        var requests = Enumerable.Range(0, count)
            .Select(_ => new WireRequest("POST", url.AbsoluteUri, Spelling.Headers(session, versionHeader, post: true, method), Spelling.Request(Spelling.NextId())))
            .ToArray();
        var exchanges = await Task.WhenAll(requests.Select(r => probe.SendAsync(r))).ConfigureAwait(false);
        var judged = new List<JudgedExchange>();
        foreach (var exchange in exchanges)
        {
            var verdict = Judge.Judge(exchange);
            Record(verdict);
            judged.Add(verdict);
        }

        return judged;
    }

    public async Task<JudgedExchange?> PostAsync(byte[] body, string? session, string? versionHeader, string? method = null, string? origin = null)
    {
        if (!Going) return null;
        var request = new WireRequest("POST", url.AbsoluteUri, Spelling.Headers(session, versionHeader, post: true, method, origin: origin), body);
        return await SendAsync(request).ConfigureAwait(false);
    }

    public async Task<JudgedExchange?> GetAsync(string? lastEventId = null, string? session = null)
    {
        if (!Going) return null;
        var request = new WireRequest("GET", url.AbsoluteUri, Spelling.Headers(session ?? Session, VersionHeader, post: false, lastEventId: lastEventId), []);
        return await SendAsync(request, listen: true).ConfigureAwait(false);
    }

    public async Task<JudgedExchange?> DeleteAsync()
    {
        if (!Going) return null;
        var request = new WireRequest("DELETE", url.AbsoluteUri, Spelling.Headers(Session, VersionHeader, post: false), []);
        return await SendAsync(request).ConfigureAwait(false);
    }

    /// <summary>Sends without judging, for exchanges that overlap: the caller judges them with
    /// <see cref="JudgeAndRecord"/> in the order the server saw them begin.</summary>
    public async Task<WireExchange> ExchangeAsync(WireRequest request, bool listen = false)
    {
        var exchange = await probe.SendAsync(request, listen).ConfigureAwait(false);

        // The probe keeps only the last error, and an overlapping exchange resets it: keep this one's.
        if (exchange.Response is null) _errors[exchange.Index] = probe.LastError;
        return exchange;
    }

    private string? ErrorOf(WireExchange exchange) => _errors.GetValueOrDefault(exchange.Index) ?? probe.LastError;

    /// <summary>Judges an exchange sent with <see cref="ExchangeAsync"/> and keeps the findings;
    /// nothing is judged once the conversation stopped.</summary>
    public JudgedExchange? JudgeAndRecord(WireExchange exchange)
    {
        if (!Going) return null;
        var judged = Judge.Judge(exchange);
        Record(judged);
        return judged;
    }

    /// <summary>Sends, judges, and keeps the findings. <paramref name="streamEvents"/>: for HTTP+SSE,
    /// the events the GET stream carried for this POST.</summary>
    public async Task<JudgedExchange?> SendAsync(WireRequest request, bool listen = false, Func<Task<IReadOnlyList<WireSseEvent>>>? streamEvents = null)
    {
        var exchange = await probe.SendAsync(request, listen).ConfigureAwait(false);
        var events = exchange.Response is not null && streamEvents is not null ? await streamEvents().ConfigureAwait(false) : null;
        var judged = Judge.Judge(exchange, events);
        Record(judged, events);
        return judged;
    }

    public void Record(JudgedExchange judged, IReadOnlyList<WireSseEvent>? streamEvents = null)
    {
        if (judged.Judgement is not { } verdict)
        {
            Stopped = judged.Unjudged == "no answer" ? $"no answer to {judged.Exchange.Request.Method}: {ErrorOf(judged.Exchange)}" : "could not judge: " + judged.Unjudged;
            if (judged.Unjudged == "no answer")
                Add(NoAnswerRule(judged.Request), $"no answer ({ErrorOf(judged.Exchange)})", "an answer within the timeout", judged, streamEvents);
            return;
        }

        foreach (var rule in verdict.Checked) _checked.Add(rule);
        foreach (var deviation in verdict.Deviations) Add(deviation.Rule, deviation.Observed, deviation.Expected, judged, streamEvents);
        if (!verdict.Conforms) Stopped = "stopped after the deviation";
    }

    /// <summary>The rule a request without any answer breaks: on Streamable HTTP, that a request
    /// is answered; on HTTP+SSE, where that rule does not exist, the rule that decides the answer
    /// the server owed (e.g. legacy.two-endpoints for a POST to a stream never announced).</summary>
    private string NoAnswerRule(Model.Machines.Http.AbstractRequest? request)
    {
        if (RuleCatalog.Find(Cite.RequestJsonOrSse)!.AppliesTo(revision) || request is null) return Cite.RequestJsonOrSse;
        return Judge.Oracle.DecidingRule(request.Value) ?? Cite.RequestJsonOrSse;
    }

    private void Add(string ruleId, string observed, string expected, JudgedExchange judged, IReadOnlyList<WireSseEvent>? streamEvents)
    {
        _checked.Add(ruleId);
        _findings.Add(JudgementReport.Finding(ruleId, observed, expected, revision, scenario, ExchangeLines.Of(judged.Exchange, streamEvents)));
    }

    /// <summary>The user's <c>--header</c> values, which go only to the URL's origin.</summary>
    public IReadOnlyList<(string Name, string Value)> UserHeaders => headers;

    /// <summary>Why the last exchange got no answer, or null.</summary>
    public string? LastError => probe.LastError;

    /// <summary>Sends without putting the answer to the server oracle: for requests outside the
    /// MCP conversation (discovery documents), which other parts of the model judge.</summary>
    public Task<WireExchange> FetchAsync(WireRequest request) => probe.SendAsync(request);

    /// <summary>Keeps a verdict reached outside the server oracle.</summary>
    public void AddFinding(string ruleId, string observed, string expected, IReadOnlyList<string> exchange)
    {
        _checked.Add(ruleId);
        _findings.Add(JudgementReport.Finding(ruleId, observed, expected, revision, scenario, exchange));
    }

    /// <summary>Counts a rule as checked (and passed, unless a finding names it).</summary>
    public void AddChecked(string ruleId) => _checked.Add(ruleId);

    /// <summary>The <c>protocolVersion</c> of an initialize result in a JSON body or an SSE event,
    /// also inside a batch: whether batching was allowed is the oracle's to judge, not detection's.</summary>
    public static string? ProtocolVersionOf(WireResponse response)
    {
        foreach (var data in response.Events.Select(e => e.Data).Prepend(System.Text.Encoding.UTF8.GetString(response.Body)))
        {
            try
            {
                using var doc = JsonDocument.Parse(data);
                var root = doc.RootElement;
                var messages = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
                foreach (var message in messages)
                {
                    if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("result", out var result) &&
                        result.ValueKind == JsonValueKind.Object && result.TryGetProperty("protocolVersion", out var v) && v.ValueKind == JsonValueKind.String)
                        return v.GetString();
                }
            }
            catch (JsonException)
            {
            }
        }

        return null;
    }
}
