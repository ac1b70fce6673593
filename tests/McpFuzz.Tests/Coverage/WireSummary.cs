using System.Text;
using McpFuzz.Model.Wire.JsonRpc;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Coverage;

/// <summary>
/// Everything the SSE reader and the JSON-RPC classifier and validator say about an input, as
/// text. Called both directly and, through reflection, from a copy of this assembly loaded beside
/// an instrumented McpFuzz.Model, so the two can be compared (hence byte[] and string only).
/// </summary>
public static class WireSummary
{
    public static string Sse(byte[] input, int chunk)
    {
        var text = new StringBuilder();
        var reader = new SseReader();
        int fed = 0;
        while (fed < input.Length)
        {
            int end = Math.Min(input.Length, fed + chunk);
            ReadOnlySpan<byte> window = input.AsSpan(fed, end - fed);
            while (true)
            {
                var token = reader.Read(window, out int consumed, out var item);
                window = window[consumed..];
                if (token == SseToken.NeedMoreData) break;
                if (token == SseToken.LimitExceeded)
                {
                    text.Append($"limit {reader.Limit} at {reader.LimitOffset}\n");
                    break;
                }

                text.Append(token == SseToken.Event
                    ? $"event #{item.Index} @{item.Offset} type={item.TypeString()} id={item.LastEventIdString()} retry={item.Retry} flags={item.Flags} data={item.DataString()}\n"
                    : "comment\n");
            }

            if (reader.Limit != SseLimit.None) break;
            fed = end;
        }

        text.Append($"end {reader.Complete()} bom={reader.HadBom} invalid={reader.SawInvalidUtf8} events={reader.EventCount} comments={reader.CommentCount} last={Encoding.UTF8.GetString(reader.LastEventId)} retry={reader.ReconnectionTime}\n");
        return text.ToString();
    }

    public static string JsonRpc(byte[] input)
    {
        var text = new StringBuilder();
        var envelope = JsonRpcClassifier.Classify(input);
        Describe(envelope, input, text, "");
        foreach (var v in JsonRpcValidator.Validate(input, envelope)) text.Append($"violation {v.Rule.Id} #{v.Element}: {v.Detail}\n");
        return text.ToString();
    }

    private static void Describe(JsonRpcEnvelope e, byte[] input, StringBuilder text, string indent)
    {
        text.Append($"{indent}{e.Kind} facts={e.Facts} id={e.IdKind}:{e.IdText(input)} method={e.MethodName(input)} params={e.Params} result={e.Result} error={e.Error} code={e.ErrorCode} bad={e.Malformation}@{e.FaultOffset} {e.FaultMessage} span={e.Span}\n");
        foreach (var element in e.Elements) Describe(element, input, text, indent + "  ");
    }
}
