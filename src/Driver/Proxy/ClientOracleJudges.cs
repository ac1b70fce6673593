using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// The client side of the proxy: each conversation's client is followed by the client model's
/// oracle of the revision (<see cref="ClientOracle"/>), fed each exchange as the client received it.
/// The proxy hands over whole exchanges in the order their requests began, so the oracle sees
/// each request, then its answer; that is the order a client that waits for answers acts in.
/// </summary>
public sealed class ClientOracleJudges : IClientSideJudges
{
    public static ClientOracleJudges Instance { get; } = new();

    public IClientSideJudge Start(PeerRevision peer) => new OracleJudge(new ClientOracle(peer));

    private sealed class OracleJudge(ClientOracle oracle) : IClientSideJudge
    {
        public ClientSideVerdict Judge(WireExchange exchange, JudgedExchange? received)
        {
            // The request had no abstract value: nothing the client model can follow.
            if (received?.Request is not { } request) return ClientSideVerdict.None;
            var sent = oracle.Sent(exchange.Index, request);
            if (received.Answer is { } answer)
            {
                oracle.Answered(exchange.Index, answer.Head);
                foreach (var item in answer.Items) oracle.Received(exchange.Index, item);
                if (answer.End != StreamEnd.Open) oracle.Ended(exchange.Index, answer.End);
            }

            return Verdict(sent);
        }

        // The proxy cannot tell how the client process ended; the ending only words the finding.
        public ClientSideVerdict Finish() => Verdict(oracle.Finish(ClientEnding.Succeeded));

        private static ClientSideVerdict Verdict(ClientJudgement judgement) =>
            new(judgement.Checked, judgement.Deviations.Select(d => new ClientSideDeviation(d.Rule, d.Observed, d.Expected)).ToArray());
    }
}
