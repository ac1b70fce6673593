namespace McpFuzz.Driver.Wire;

/// <summary>The spellings of a wire log shared by the writer, the reader and format detection.</summary>
public static class WireLogNames
{
    /// <summary>The members every line has: when it happened, which exchange it belongs to, what it records.</summary>
    public const string At = "at", Exchange = "exchange", Kind = "kind";

    public static string Of(StreamEndKind kind) => kind switch
    {
        StreamEndKind.Clean => "clean",
        StreamEndKind.Aborted => "aborted",
        _ => "timeout",
    };

    public static StreamEndKind? EndKind(string? text) => text switch
    {
        "clean" => StreamEndKind.Clean,
        "aborted" => StreamEndKind.Aborted,
        "timeout" => StreamEndKind.Timeout,
        _ => null,
    };
}
