using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Transcripts;

/// <summary>One HTTP message as a transcript recorded it.</summary>
/// <param name="StartLine">"POST /mcp HTTP/1.1" or "HTTP/1.1 200 OK".</param>
public sealed record HttpMessage(string StartLine, HeaderList Headers, byte[] Body)
{
    /// <summary>The status code of a response start line, or null.</summary>
    public int? Status
    {
        get
        {
            string[] parts = StartLine.Split(' ', 3);
            return parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(parts[1], out int status) ? status : null;
        }
    }

    /// <summary>Parses a "Name: value" header line onto <paramref name="headers"/>; other lines are ignored.</summary>
    public static HeaderList AddHeaderLine(HeaderList headers, string line)
    {
        int colon = line.IndexOf(':');
        return colon > 0 ? headers.Add(line[..colon].Trim(), line[(colon + 1)..].Trim()) : headers;
    }
}

/// <summary>A request and its response, as far as the transcript shows them.</summary>
public sealed record HttpExchange(int Index, string Title, HttpMessage? Request, HttpMessage? Response);
