using McpFuzz.Driver.Server;
using McpFuzz.Fuzzer.Sequences;

namespace McpFuzz.Driver.Fuzz;

/// <summary>A sequence as sent to a live server: every judged exchange (with the step it came
/// from), and the first that broke a rule, with the rule.</summary>
public sealed record LiveRun(ActionSequence Sequence, IReadOnlyList<(int Step, JudgedExchange Judged)> Exchanges, int? FailedAt, string? Rule, string? Why)
{
    public bool Fails => Rule is not null;

    /// <summary>The server states the answers reached: status, content type and JSON-RPC error (AFLNet's response codes).</summary>
    public IEnumerable<string> States => Exchanges.Select(e => StateOf(e.Judged));

    public static string StateOf(JudgedExchange judged)
    {
        if (judged.Exchange.Response is not { } response) return "no answer";
        string type = response.IsEventStream ? "sse" : response.Body.Length == 0 ? "empty" : response.Headers.Get("Content-Type")?.Split(';')[0].Trim() ?? "untyped";
        string error = judged.Answer is { } a && a.Head.Error != Model.Machines.Http.ErrorCode.None ? " " + a.Head.Error : "";
        return $"{response.Status} {type}{error}";
    }
}
