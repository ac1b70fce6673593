using System.Text.Json;

namespace McpFuzz.Driver.Wire;

/// <summary>How a recording of HTTP traffic is written (the <c>--format</c> of a command that reads one).</summary>
public enum TrafficFormat
{
    /// <summary>Decide from the first bytes (<see cref="TrafficFormats.Detect"/>).</summary>
    Auto,

    /// <summary>This tool's own JSON Lines log (<see cref="WireLogWriter"/>).</summary>
    WireLog,

    /// <summary>An HTTP Archive (HAR 1.2) as browsers and proxies save it.</summary>
    Har,

    /// <summary>The output of <c>curl -v</c> (see <see cref="Transcripts.TranscriptFormat.Curl"/>).</summary>
    Curl,
}

public static class TrafficFormats
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs at most.</summary>
    public const int HeadLength = 64 * 1024;

    /// <summary>The format of a recording that starts with <paramref name="head"/>: a wire log when
    /// the first JSON object has the members every wire log line has, a HAR file when it has a
    /// <c>log</c> member, otherwise <c>curl -v</c> output (whose reader skips what it does not
    /// understand). The object may run past the head: only its members seen so far count.</summary>
    public static TrafficFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8)) head = head[3..]; // some tools write HAR files with a UTF-8 BOM
        bool log = false, exchange = false, kind = false;
        var reader = new Utf8JsonReader(head, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 }));
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0))
                {
                    if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
                    log |= reader.ValueTextEquals("log"u8);
                    exchange |= reader.ValueTextEquals(WireLogNames.Exchange);
                    kind |= reader.ValueTextEquals(WireLogNames.Kind);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON, or JSON that breaks off: decided by the members seen before.
        }

        if (log) return TrafficFormat.Har;
        return exchange && kind ? TrafficFormat.WireLog : TrafficFormat.Curl;
    }
}
