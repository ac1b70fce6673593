using McpFuzz.Driver.Inputs;

namespace McpFuzz.Driver.Wire;

/// <summary>Bounds on reading recorded traffic, so that a hostile or corrupt file costs bounded
/// memory. A wire log is read a line at a time within <see cref="Log"/>; a HAR file or a
/// <c>curl -v</c> transcript is one document that is parsed whole, so it is refused above
/// <see cref="MaxDocumentLength"/>, and a HAR file is held to the wire log's bounds exchange by
/// exchange: at most <see cref="WireLogLimits.MaxLines"/> entries and no body longer than
/// <see cref="WireLogLimits.MaxLineLength"/> (a wire log line could not hold it either).</summary>
public sealed record TrafficLimits
{
    public static TrafficLimits Default { get; } = new();

    public WireLogLimits Log { get; init; } = WireLogLimits.Default;

    public int MaxDocumentLength { get; init; } = InputSource.MaxWholeInput;
}
