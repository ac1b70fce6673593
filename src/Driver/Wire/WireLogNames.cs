namespace McpFuzz.Driver.Wire;

/// <summary>The spellings of stream ends in a wire log, shared by the writer and the reader.</summary>
public static class WireLogNames
{
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
