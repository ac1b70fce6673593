namespace McpFuzz.Driver.Wire;

/// <summary>The abstract value of some concrete traffic, or the reason it has none in the model
/// (an unknown method, malformed JSON, a status the model does not distinguish...).</summary>
public readonly record struct Abstracted<T>(T Value, string? Reason)
{
    public bool IsAbstract => Reason is null;

    public static Abstracted<T> Of(T value) => new(value, null);

    public static Abstracted<T> Not(string reason) => new(default!, reason);
}
