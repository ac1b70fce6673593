namespace McpFuzz.Model.Wire.Http;

/// <summary>One header field line as sent or received: the name as spelled and the value.</summary>
/// <remarks>Nothing here validates either part: a fuzzer must be able to represent fields that
/// break RFC 9110, and the parsers in this namespace judge values when asked.</remarks>
public readonly record struct HeaderField(string Name, string Value)
{
    public override string ToString() => Name + ": " + Value;
}
