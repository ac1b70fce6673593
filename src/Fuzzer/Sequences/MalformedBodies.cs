namespace McpFuzz.Fuzzer.Sequences;

/// <summary>The malformed POST bodies a <see cref="StepFaults.MalformedBody"/> step sends, by index:
/// the parser corpus's shapes (corpus/jsonrpc, <see cref="Generators.JsonRpcGenerators"/>) a server
/// must refuse, not crash on. Indexed, so that a replay file names one by number.</summary>
public static class MalformedBodies
{
    public static IReadOnlyList<string> All { get; } =
    [
        "{",
        "",
        "null",
        "[]",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"id\":2}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} x",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":[1,2,{\"a\":[[[[[[[[[[]]]]]]]]]]}]}",
        "\uFEFF{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"\\ud800\",\"method\":\"ping\"}",
    ];

    public static byte[] Bytes(int index) => System.Text.Encoding.UTF8.GetBytes(All[index % All.Count]);
}
