namespace McpFuzz.Driver.Wire;

/// <summary>One request and the response it got (null when none arrived).</summary>
/// <param name="Index">Zero-based number of the exchange in its log or transcript.</param>
public sealed record WireExchange(int Index, WireRequest Request, WireResponse? Response);
