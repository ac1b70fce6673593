namespace McpFuzz.Driver.Transcripts;

/// <summary>What an input file holds.</summary>
public enum TranscriptFormat
{
    /// <summary>Decide from the first bytes.</summary>
    Auto,

    /// <summary>Just the body: SSE bytes or a JSON-RPC payload.</summary>
    Body,

    /// <summary>The output of <c>curl -v</c> (request lines "> ", response lines "< "), optionally with
    /// "################ title" separators and exact "# body escaped: \"...\"" lines.</summary>
    Curl,

    /// <summary>One raw HTTP response: status line, headers, blank line, body.</summary>
    Http,
}

public static class TranscriptFormats
{
    /// <summary>Guesses the format from the start of the input.</summary>
    public static TranscriptFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("HTTP/1."u8) || head.StartsWith("HTTP/2"u8)) return TranscriptFormat.Http;
        if (head.StartsWith("#"u8) || head.StartsWith("> "u8) || head.StartsWith("* "u8)) return TranscriptFormat.Curl;
        return TranscriptFormat.Body;
    }
}
