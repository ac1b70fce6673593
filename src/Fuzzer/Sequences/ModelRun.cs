using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Http;

namespace McpFuzz.Fuzzer.Sequences;

/// <summary>One request of a sequence as the model ran it: the step it came from, what the
/// model's server answered, and the conforming oracle's verdict.</summary>
public sealed record ModelExchange(int Step, AbstractRequest Request, ObservedAnswer Answer, ServerJudgement Judgement)
{
    /// <summary>The verdict breaks a rule: no conforming answer matches, or a detail deviates.</summary>
    public bool Fails => !Judgement.Conforms || Judgement.Deviations.Count > 0;

    public string? Rule => Judgement.Deviations.Count > 0 ? Judgement.Deviations[0].Rule : null;

    public override string ToString() => $"step {Step + 1}: {Request} -> {Answer}" + (Fails ? $" [{Rule}]" : "");
}

/// <summary>A sequence run against the model: every exchange, and the first that broke a rule.</summary>
public sealed record ModelRun(ActionSequence Sequence, IReadOnlyList<ModelExchange> Exchanges)
{
    public ModelExchange? Failure => Exchanges.FirstOrDefault(e => e.Fails);

    public bool Fails => Failure is not null;

    public string? Rule => Failure?.Rule;
}
