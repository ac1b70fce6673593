using System.Text.Json;
using BenchmarkDotNet.Attributes;
using McpFuzz.Model.Wire.JsonRpc;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpFuzz.Benchmarks.JsonRpc;

/// <summary>
/// Envelope classification of one payload: McpFuzz's streaming classifier against building a
/// JsonDocument (the baseline) and against deserializing into the C# SDK's JSON-RPC message types,
/// which is what the SDK does with every message it receives.
/// </summary>
[MemoryDiagnoser]
public class JsonRpcBenchmarks
{
    private byte[] _payload = [];

    [ParamsAllValues]
    public JsonRpcCase Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = JsonRpcPayloads.For(Case);
        if (McpFuzz_Classify() != Sdk_Deserialize())
            throw new InvalidOperationException($"{Case}: the classifier and the SDK disagree about the kind of message");
    }

    [Benchmark]
    public int McpFuzz_Classify() => KindOf(JsonRpcClassifier.Classify(_payload).Kind);

    [Benchmark(Baseline = true)]
    public int JsonDocument_Parse()
    {
        using var document = JsonDocument.Parse(_payload);
        JsonElement root = document.RootElement;
        return root.TryGetProperty("method"u8, out _) ? (root.TryGetProperty("id"u8, out _) ? 0 : 1) : root.TryGetProperty("error"u8, out _) ? 3 : 2;
    }

    [Benchmark]
    public int Sdk_Deserialize() => JsonSerializer.Deserialize<JsonRpcMessage>(_payload, McpJsonUtilities.DefaultOptions) switch
    {
        JsonRpcRequest => 0,
        JsonRpcNotification => 1,
        JsonRpcResponse => 2,
        JsonRpcError => 3,
        _ => -1,
    };

    private static int KindOf(JsonRpcKind kind) => kind switch
    {
        JsonRpcKind.Request => 0,
        JsonRpcKind.Notification => 1,
        JsonRpcKind.Result => 2,
        JsonRpcKind.Error => 3,
        _ => -1,
    };
}
