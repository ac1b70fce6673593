using System.Text.Unicode;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// <c>jsonrpc-classifier</c>: the input is a payload. <see cref="JsonRpcClassifier"/> and
/// <see cref="JsonRpcValidator"/> must not throw, and the classifier must agree with
/// <see cref="JsonRpcDomClassifier"/> on whether the payload is JSON, its kind (batch elements
/// included) and the shape facts, except where the two are known to differ:
/// <list type="bullet">
/// <item>Invalid UTF-8: System.Text.Json rejects it; the classifier reads the structure and reports
/// <see cref="JsonRpcFacts.InvalidUtf8"/> (or a syntax error).</item>
/// <item>Depth: the classifier stops at <see cref="JsonRpcLimits.MaxDepth"/> with a depth limit;
/// the reference reads deeper. Payloads nested 60 or more levels are compared only on "no crash".</item>
/// <item>Batch size: over <see cref="JsonRpcLimits.MaxBatchElements"/> elements the classifier
/// gives up with a batch limit.</item>
/// <item>Duplicate members: both let the last one win; the classifier's DuplicateMember fact covers
/// only the envelope and the error object, so it must imply a repeated name in the DOM, not the
/// converse. An error object with a repeated member is not compared on its code facts.</item>
/// <item>A scalar followed by garbage (<c>null{</c>, <c>12x</c>): the classifier calls it a syntax
/// error (a literal must end at a delimiter, as Utf8JsonReader requires of numbers); the reference
/// reads the scalar and reports trailing data. Both say Invalid.</item>
/// </list>
/// </summary>
public sealed class JsonRpcClassifierTarget : IFuzzTarget
{
    private const int DeepNesting = 60;

    private readonly Func<ReadOnlySpan<byte>, JsonRpcDomClassifier.Verdict> _reference;

    public JsonRpcClassifierTarget() : this(p => JsonRpcDomClassifier.Classify(p)) { }

    /// <summary>For tests: a different reference, to show that a disagreement is caught.</summary>
    public JsonRpcClassifierTarget(Func<ReadOnlySpan<byte>, JsonRpcDomClassifier.Verdict> reference) => _reference = reference;

    public string Name => "jsonrpc-classifier";

    public string Description => "JsonRpcClassifier/Validator never throw and agree with a System.Text.Json DOM classifier";

    public IReadOnlyList<string> CodeUnderTest { get; } = ["McpFuzz.Model"];

    /// <summary>The facts both sides decide the same way.</summary>
    private const JsonRpcFacts Compared =
        JsonRpcFacts.BadVersion | JsonRpcFacts.BadShape | JsonRpcFacts.BadIdType | JsonRpcFacts.NullId | JsonRpcFacts.ResultAndError
        | JsonRpcFacts.BadErrorObject | JsonRpcFacts.ResultWithoutId | JsonRpcFacts.ErrorWithoutId | JsonRpcFacts.ParamsNotObject
        | JsonRpcFacts.IsBatch | JsonRpcFacts.BadBatch | JsonRpcFacts.InitializeInBatch | JsonRpcFacts.TrailingData;

    public void Run(ReadOnlySpan<byte> input)
    {
        JsonRpcEnvelope ours = JsonRpcClassifier.Classify(input);
        JsonRpcValidator.Validate(input, ours);
        foreach (Revision revision in Revisions.All) JsonRpcValidator.Validate(input, ours, revision);
        _ = ours.MethodName(input);
        _ = ours.IdText(input);

        var dom = _reference(input);
        bool validUtf8 = Utf8.IsValid(input);
        if (!dom.Parsed)
        {
            if (!validUtf8 && (ours.Has(JsonRpcFacts.InvalidUtf8) || ours.Has(JsonRpcFacts.Malformed))) return;
            if (!ours.Has(JsonRpcFacts.Malformed)) throw new InvariantViolation($"System.Text.Json rejects the payload, the classifier says {ours.Kind} ({ours.Facts})");
            return;
        }

        if (ours.Has(JsonRpcFacts.Malformed))
        {
            if (ours.Malformation == JsonRpcMalformation.DepthLimit && dom.Depth >= DeepNesting) return;
            if (ours.Malformation == JsonRpcMalformation.BatchLimit && dom.Elements.Count > JsonRpcLimits.Default.MaxBatchElements) return;
            if (dom.Kind == JsonRpcKind.Invalid && dom.Facts.HasFlag(JsonRpcFacts.TrailingData) && dom.Facts.HasFlag(JsonRpcFacts.BadShape)) return;
            throw new InvariantViolation($"the classifier says {ours.Malformation} at {ours.FaultOffset} ({ours.FaultMessage}), System.Text.Json parses it as {dom.Kind}");
        }

        if (dom.Depth >= DeepNesting) return;
        if (ours.Has(JsonRpcFacts.DuplicateMember) && !dom.DuplicateNames) throw new InvariantViolation("the classifier reports a duplicate member the DOM does not have");
        Compare("payload", ours, dom, dom.DuplicateNames);
        for (int i = 0; i < Math.Max(ours.Elements.Count, dom.Elements.Count); i++)
        {
            if (i >= ours.Elements.Count || i >= dom.Elements.Count) throw new InvariantViolation($"batch of {ours.Elements.Count} elements, the DOM has {dom.Elements.Count}");
            Compare($"element {i}", ours.Elements[i], dom.Elements[i], dom.DuplicateNames);
        }
    }

    private static void Compare(string what, JsonRpcEnvelope ours, JsonRpcDomClassifier.Verdict dom, bool duplicates)
    {
        if (ours.Kind != dom.Kind) throw new InvariantViolation($"{what}: the classifier says {ours.Kind} ({ours.Facts}), the DOM {dom.Kind} ({dom.Facts})");
        JsonRpcFacts compared = duplicates ? Compared & ~JsonRpcFacts.BadErrorObject : Compared;
        JsonRpcFacts a = ours.Facts & compared, b = dom.Facts & compared;
        if (a != b) throw new InvariantViolation($"{what} ({ours.Kind}): the classifier has facts {a}, the DOM {b}");
    }
}
