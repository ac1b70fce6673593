using System.Text.Json;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>
/// Turns the facts of a classified payload into rule violations. Which revisions a rule holds in
/// is the rule's own business (<see cref="RuleCatalog"/>); this class only knows which fact breaks
/// which rule, and how to find the facts that need a look inside params or result.
/// </summary>
public static class JsonRpcValidator
{
    private static readonly (JsonRpcFacts Fact, Rule Rule)[] RuleOfFact =
    [
        (JsonRpcFacts.Malformed, RuleCatalog.JsonRpc.JsonSyntax),
        (JsonRpcFacts.InvalidUtf8, RuleCatalog.JsonRpc.Utf8),
        (JsonRpcFacts.TrailingData, RuleCatalog.JsonRpc.SingleValue),
        (JsonRpcFacts.DuplicateMember, RuleCatalog.JsonRpc.UniqueMembers),
        (JsonRpcFacts.BadVersion, RuleCatalog.JsonRpc.Version),
        (JsonRpcFacts.BadShape, RuleCatalog.JsonRpc.MessageShape),
        (JsonRpcFacts.BadIdType, RuleCatalog.JsonRpc.IdType),
        (JsonRpcFacts.NullId, RuleCatalog.JsonRpc.IdNotNull),
        (JsonRpcFacts.ResultAndError, RuleCatalog.JsonRpc.ResultXorError),
        (JsonRpcFacts.BadErrorObject, RuleCatalog.JsonRpc.ErrorObject),
        (JsonRpcFacts.NonIntegerErrorCode, RuleCatalog.JsonRpc.ErrorCodeInteger),
        (JsonRpcFacts.ResultWithoutId, RuleCatalog.JsonRpc.ResultId),
        (JsonRpcFacts.ErrorWithoutId, RuleCatalog.JsonRpc.ErrorId),
        (JsonRpcFacts.ParamsNotObject, RuleCatalog.JsonRpc.ParamsObject),
        (JsonRpcFacts.IsBatch, RuleCatalog.JsonRpc.NoBatch),
        (JsonRpcFacts.BadBatch, RuleCatalog.JsonRpc.BatchShape),
        (JsonRpcFacts.InitializeInBatch, RuleCatalog.JsonRpc.BatchWithoutInitialize),
        (JsonRpcFacts.MissingRequestMeta, RuleCatalog.JsonRpc.RequestMeta),
        (JsonRpcFacts.MissingResultType, RuleCatalog.JsonRpc.ResultType),
    ];

    /// <summary>Every rule a payload is validated against (each holds in the revisions it names).</summary>
    public static IEnumerable<Rule> Rules => RuleOfFact.Select(p => p.Rule);

    /// <summary>The rule a fact breaks.</summary>
    public static Rule RuleFor(JsonRpcFacts fact) => RuleOfFact.First(p => p.Fact == fact).Rule;

    /// <summary>Violations of <paramref name="envelope"/> (classified from <paramref name="payload"/>)
    /// under <paramref name="revision"/>, or under any revision when it is null; each violation's rule
    /// says where it holds.</summary>
    public static IReadOnlyList<JsonRpcViolation> Validate(ReadOnlySpan<byte> payload, JsonRpcEnvelope envelope, Revision? revision = null)
    {
        var violations = new List<JsonRpcViolation>();
        Collect(payload, envelope, revision, -1, violations);
        for (int i = 0; i < envelope.Elements.Count; i++) Collect(payload, envelope.Elements[i], revision, i, violations);
        return violations;
    }

    /// <summary>All facts of one message, including those found by looking inside params or result
    /// when a rule that needs them applies.</summary>
    public static JsonRpcFacts Facts(ReadOnlySpan<byte> payload, JsonRpcEnvelope envelope, Revision? revision = null)
    {
        JsonRpcFacts facts = envelope.Facts;
        if (envelope.Kind == JsonRpcKind.Request && Applies(RuleCatalog.JsonRpc.RequestMeta, revision) && !HasRequestMeta(envelope.Params.Of(payload)))
            facts |= JsonRpcFacts.MissingRequestMeta;
        if (envelope.Kind == JsonRpcKind.Result && Applies(RuleCatalog.JsonRpc.ResultType, revision) && !HasResultType(envelope.Result.Of(payload)))
            facts |= JsonRpcFacts.MissingResultType;
        return facts;
    }

    private static void Collect(ReadOnlySpan<byte> payload, JsonRpcEnvelope envelope, Revision? revision, int element, List<JsonRpcViolation> into)
    {
        JsonRpcFacts facts = Facts(payload, envelope, revision);
        foreach (var (fact, rule) in RuleOfFact)
        {
            if ((facts & fact) == 0 || !Applies(rule, revision)) continue;
            into.Add(new JsonRpcViolation(rule, element, Describe(fact, envelope, payload)));
        }
    }

    private static bool Applies(Rule rule, Revision? revision) => revision is not { } r || rule.AppliesTo(r);

    /// <summary>2026-07-28: <c>params._meta</c> names the protocol version (string) and the client capabilities (object).</summary>
    public static bool HasRequestMeta(ReadOnlySpan<byte> parameters) =>
        JsonRpcMembers.TryFind(parameters, "_meta"u8, out ByteRange meta, out JsonTokenType metaType)
        && metaType == JsonTokenType.StartObject
        && JsonRpcMembers.TryFind(meta.Of(parameters), "io.modelcontextprotocol/protocolVersion"u8, out _, out JsonTokenType versionType)
        && versionType == JsonTokenType.String
        && JsonRpcMembers.TryFind(meta.Of(parameters), "io.modelcontextprotocol/clientCapabilities"u8, out _, out JsonTokenType capabilitiesType)
        && capabilitiesType == JsonTokenType.StartObject;

    /// <summary>2026-07-28: a result carries <c>resultType</c> "complete" or "input_required".</summary>
    public static bool HasResultType(ReadOnlySpan<byte> result) =>
        JsonRpcMembers.FindString(result, "resultType"u8) is "complete" or "input_required";

    private static string Describe(JsonRpcFacts fact, JsonRpcEnvelope e, ReadOnlySpan<byte> payload) => fact switch
    {
        JsonRpcFacts.Malformed => $"{e.Malformation} at byte {e.FaultOffset}: {e.FaultMessage}",
        JsonRpcFacts.InvalidUtf8 => $"bytes that are not UTF-8 at byte {JsonRpcClassifier.FirstInvalidUtf8(payload)}",
        JsonRpcFacts.TrailingData => $"data after the JSON value at byte {e.FaultOffset}",
        JsonRpcFacts.DuplicateMember => "a member name appears twice; the last one was used",
        JsonRpcFacts.BadVersion => "`jsonrpc` is missing or not \"2.0\"",
        JsonRpcFacts.BadShape => e.Kind == JsonRpcKind.Invalid ? "neither a request, a notification nor a response" : "a request or notification that also has `result` or `error`",
        JsonRpcFacts.BadIdType => $"id {e.IdText(payload)} is {e.IdKind}",
        JsonRpcFacts.NullId => "id is null",
        JsonRpcFacts.ResultAndError => "both `result` and `error`",
        JsonRpcFacts.BadErrorObject => "`error` lacks an integer `code` or a string `message`, or is not an object",
        JsonRpcFacts.NonIntegerErrorCode => "error code is not an integer",
        JsonRpcFacts.ResultWithoutId => "result response without `id`",
        JsonRpcFacts.ErrorWithoutId => "error response without `id`",
        JsonRpcFacts.ParamsNotObject => "`params` is not an object",
        JsonRpcFacts.IsBatch => $"a batch of {e.Elements.Count}",
        JsonRpcFacts.BadBatch => e.Elements.Count == 0 ? "empty batch" : "batch mixes requests and responses or holds something that is neither",
        JsonRpcFacts.InitializeInBatch => "`initialize` inside a batch",
        JsonRpcFacts.MissingRequestMeta => "`params._meta` lacks io.modelcontextprotocol/protocolVersion or io.modelcontextprotocol/clientCapabilities",
        JsonRpcFacts.MissingResultType => "`result.resultType` is missing or not \"complete\"/\"input_required\"",
        _ => fact.ToString(),
    };
}
