using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Checking.Oracle;

/// <summary>One GET stream a client opened on its session, as the server saw it: when the request
/// came, when the stream before it ended, and the <c>retry</c> the server had sent by then.</summary>
/// <param name="At">Milliseconds since any fixed origin (the same for every attempt).</param>
/// <param name="PreviousEnded">When the previous GET stream ended (null for the first attempt).</param>
/// <param name="RetryMs">The last <c>retry</c> interval the server sent on an earlier GET stream (null: none).</param>
public readonly record struct StreamAttempt(long At, long? PreviousEnded, long? RetryMs);

/// <summary>
/// How a client reconnects a GET stream that the server keeps closing: at most
/// <see cref="ClientOracle.ReconnectLimit"/> reconnects (resume.bounded-reconnect), and never sooner
/// than the server's <c>retry</c> interval after the close where the revision requires waiting
/// (resume.client-waits-retry). A reconnect is judged early below half the interval, so scheduling
/// jitter never counts against a client that waits.
/// </summary>
public static class ReconnectJudge
{
    public static ClientJudgement Judge(IReadOnlyList<StreamAttempt> attempts, Revision governing)
    {
        var deviations = new List<ClientDeviation>();
        var rules = new List<string>();
        if (attempts.Count == 0) return new ClientJudgement(deviations, rules);
        if (Cite.In(Cite.BoundedReconnect).Contains(governing))
        {
            rules.Add(Cite.BoundedReconnect);
            int reconnects = attempts.Count - 1;
            if (reconnects > ClientOracle.ReconnectLimit)
                deviations.Add(new(Cite.BoundedReconnect, governing,
                    $"{reconnects} reconnects of the GET stream, which the server closed each time at once",
                    $"at most {ClientOracle.ReconnectLimit} or so, then give up (or back off towards a maximum)"));
        }

        if (Cite.In(Cite.ClientWaitsRetry).Contains(governing) && attempts.Any(a => a.RetryMs is not null && a.PreviousEnded is not null))
        {
            rules.Add(Cite.ClientWaitsRetry);
            var early = attempts.Where(a => a is { RetryMs: { } retry, PreviousEnded: { } ended } && a.At - ended < retry / 2).ToArray();
            if (early.Length > 0)
            {
                var first = early[0];
                deviations.Add(new(Cite.ClientWaitsRetry, governing,
                    $"{early.Length} reconnects sooner than the server's retry; the first {first.At - first.PreviousEnded} ms after the close",
                    $"wait retry: {first.RetryMs} ms before reconnecting"));
            }
        }

        return new ClientJudgement(deviations, rules);
    }
}
