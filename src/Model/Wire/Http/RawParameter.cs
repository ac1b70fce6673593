namespace McpFuzz.Model.Wire.Http;

/// <summary>A parameter as read, remembering whether its value was a quoted-string.</summary>
internal readonly record struct RawParameter(string Name, string Value, bool Quoted)
{
    public KeyValuePair<string, string> ToPair() => new(Name, Value);
}
