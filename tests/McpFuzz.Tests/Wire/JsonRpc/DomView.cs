using McpFuzz.Fuzzer.Targets;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Tests.Wire.JsonRpc;

/// <summary>What the classifier's property tests compare: kind, facts, id, method, error code and
/// the raw params and result, batch elements included. Built alike from a streaming classification
/// and from <see cref="JsonRpcDomClassifier"/>'s verdict, so the two must agree on all of it.</summary>
public sealed record DomView(JsonRpcKind Kind, JsonRpcFacts Facts, JsonRpcIdKind IdKind, string? IdRaw, string? Method, long? ErrorCode, string? ParamsRaw, string? ResultRaw, IReadOnlyList<DomView> Elements)
{
    public bool Equals(DomView? other) =>
        other is not null && Kind == other.Kind && Facts == other.Facts && IdKind == other.IdKind && IdRaw == other.IdRaw &&
        Method == other.Method && ErrorCode == other.ErrorCode && ParamsRaw == other.ParamsRaw && ResultRaw == other.ResultRaw &&
        Elements.SequenceEqual(other.Elements);

    public override int GetHashCode() => HashCode.Combine(Kind, Facts, IdRaw, Method);

    public override string ToString() =>
        $"{Kind} facts={Facts} id={IdKind}:{IdRaw} method={Method} code={ErrorCode} params={ParamsRaw} result={ResultRaw} [{string.Join(", ", Elements)}]";

    /// <summary>A streaming classification of <paramref name="payload"/>.</summary>
    public static DomView Of(JsonRpcEnvelope e, byte[] payload) => new(
        e.Kind, e.Facts, e.IdKind, e.IdText(payload), e.MethodName(payload), e.ErrorCode,
        e.Params.IsPresent ? System.Text.Encoding.UTF8.GetString(e.Params.Of(payload)) : null,
        e.Result.IsPresent ? System.Text.Encoding.UTF8.GetString(e.Result.Of(payload)) : null,
        e.Elements.Select(x => Of(x, payload)).ToList());

    /// <summary>The DOM's verdict on a payload it parsed.</summary>
    public static DomView Of(JsonRpcDomClassifier.Verdict v) => new(
        v.Kind, v.Facts, v.IdKind, v.IdRaw, v.Method, v.ErrorCode, v.ParamsRaw, v.ResultRaw, v.Elements.Select(Of).ToList());
}
