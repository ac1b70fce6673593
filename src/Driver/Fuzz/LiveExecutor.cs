using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Fuzz;

/// <summary>
/// Sends a sequence to a live server and judges every answer with the <see cref="ExchangeJudge"/>
/// of the revision, as the scenarios do. Each run is a fresh client (fresh oracle, fresh session).
/// A rule is broken by a verdict with deviations, or by a request that got no answer at all. The
/// run stops at the first broken rule: later steps would build on it. An answer the client cut
/// short is judged too, but a deviation there is not the server's (the answer was not whole);
/// the run stops there without a finding, as it does when the cut answer could not be read at all.
/// </summary>
public sealed class LiveExecutor(HttpProbe probe, Uri url, Revision revision, PeerRevision server, IReadOnlyList<(string, string)> headers) : IDisposable
{
    private readonly HttpClient _abortClient = HttpProbe.CreateClient(probe.Limits);
    private AbortingSender Aborting => new(_abortClient, probe.Limits);
    private int _aborted = 1 << 20;

    public Revision Revision => revision;

    public async Task<LiveRun> RunAsync(ActionSequence sequence, CancellationToken cancel = default)
    {
        var spelling = new RequestSpelling(revision, headers);
        var client = new StepRequests(spelling, url);
        var judge = new ExchangeJudge(server, revision);
        var exchanges = new List<(int, JudgedExchange)>();
        for (int i = 0; i < sequence.Steps.Count; i++)
        {
            var step = sequence.Steps[i];
            var requests = client.For(step);
            var sent = new List<(WireExchange Exchange, bool Cut)>();
            if (requests.Count > 1)
            {
                var all = await Task.WhenAll(requests.Select(r => probe.SendAsync(r, cancel: cancel))).ConfigureAwait(false);
                sent.AddRange(all.Select(e => (e, false)));
            }
            else if (step.AbortAt >= 0)
            {
                sent.Add(await Aborting.SendAsync(Interlocked.Increment(ref _aborted), requests[0], step.AbortAt, cancel).ConfigureAwait(false));
            }
            else
            {
                sent.Add((await probe.SendAsync(requests[0], listen: requests[0].Method == "GET", cancel).ConfigureAwait(false), false));
            }

            foreach (var (exchange, cut) in sent)
            {
                bool malformed = step.Has(StepFaults.MalformedBody) && exchange.Request.Method == "POST" && !MalformedAnswer.ServerReadAsMessage(exchange);
                var judged = malformed ? MalformedAnswer.Judge(exchange, revision) : judge.Judge(exchange);
                exchanges.Add((i, judged));
                client.Learn(step, exchange);
                if (judged.Unjudged == "no answer")
                    return new LiveRun(sequence, exchanges, i, cut ? null : NoAnswerRule, "no answer" + (cut ? " (cut)" : ""));
                // A cut answer the oracle could not read (a JSON body cut short) left it behind the
                // server, which acted on the request whole (an initialize made a session): stop here.
                if (cut && judged.Judgement is null) return new LiveRun(sequence, exchanges, null, null, null);
                if (judged.Judgement is not { } verdict || (verdict.Conforms && verdict.Deviations.Count == 0)) continue;
                if (cut) return new LiveRun(sequence, exchanges, null, null, null);
                var first = verdict.Deviations.Count > 0 ? verdict.Deviations[0] : null;
                return new LiveRun(sequence, exchanges, i, first?.Rule ?? Cite.RequestJsonOrSse, first is null ? verdict.Expected : $"{first.Observed}; expected {first.Expected}");
            }
        }

        return new LiveRun(sequence, exchanges, null, null, null);
    }

    public void Dispose() => _abortClient.Dispose();

    private string NoAnswerRule => RuleCatalog.Find(Cite.RequestJsonOrSse)!.AppliesTo(revision) ? Cite.RequestJsonOrSse : Cite.LegacyTwoEndpoints;
}
