namespace McpFuzz.Model.Revisions;

/// <summary>Every rule McpFuzz can cite, by area. Rules are data: <c>mcpfuzz rules</c> lists them,
/// and code that checks a requirement asks the rule whether it applies to a revision instead of
/// testing revisions itself, so each rule's revision range lives only here.</summary>
public static partial class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<Rule>> AllRules = new(() =>
    {
        var rules = JsonRpcRules().Concat(SseRules()).Concat(TransportRules()).Concat(SessionRules())
            .Concat(LifecycleRules()).Concat(ResumabilityRules()).Concat(ModernRules()).Concat(FallbackRules())
            .Concat(AuthorizationRules()).ToList();
        var duplicate = rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"rule id {duplicate.Key} is defined twice");
        return rules;
    });

    public static IReadOnlyList<Rule> All => AllRules.Value;

    public static Rule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
