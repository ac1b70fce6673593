using System.Text;
using System.Text.Json;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Transcripts;

/// <summary>
/// Reads <c>curl -v</c> output into exchanges. Bodies come from an exact
/// <c># body escaped: "..."</c> line when the capture has one; otherwise from the "&lt; " lines
/// after the response headers, joined with LF (curl does not show the original line endings).
/// Lines it does not understand are ignored: a transcript is evidence, not a contract.
/// </summary>
public static class CurlTranscript
{
    private enum Phase { None, RequestHeaders, RequestBody, ResponseHeaders, ResponseBody }

    public static IReadOnlyList<HttpExchange> Parse(string text)
    {
        var exchanges = new List<HttpExchange>();
        var current = new Builder("");
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.StartsWith("################", StringComparison.Ordinal))
            {
                Flush(current, exchanges);
                current = new Builder(line.TrimStart('#').Trim());
            }
            else if (line.StartsWith("# body escaped: ", StringComparison.Ordinal))
            {
                current.EscapedBody = DecodeEscaped(line.Substring("# body escaped: ".Length));
            }
            else if (line.StartsWith('>'))
            {
                if (current.Phase is Phase.ResponseHeaders or Phase.ResponseBody)
                {
                    // A new request without a separator: plain `curl -v` of several URLs.
                    Flush(current, exchanges);
                    current = new Builder("");
                }

                current.Request(line.Length > 1 ? line.Substring(Math.Min(2, line.Length)) : null);
            }
            else if (line.StartsWith('<'))
            {
                current.Response(line.Length > 1 ? line.Substring(Math.Min(2, line.Length)) : null);
            }
        }

        Flush(current, exchanges);
        return exchanges;
    }

    private static void Flush(Builder builder, List<HttpExchange> into)
    {
        if (builder.RequestLine is null && builder.StatusLine is null) return;
        into.Add(builder.Build(into.Count));
    }

    private static byte[]? DecodeEscaped(string literal)
    {
        try
        {
            return Encoding.UTF8.GetBytes(JsonSerializer.Deserialize<string>(literal) ?? "");
        }
        catch (JsonException)
        {
            return null; // a truncated capture: fall back to the displayed lines
        }
    }

    private sealed class Builder(string title)
    {
        public Phase Phase { get; private set; }

        public string? RequestLine { get; private set; }

        public string? StatusLine { get; private set; }

        public byte[]? EscapedBody { get; set; }

        private HeaderList _requestHeaders = HeaderList.Empty;
        private HeaderList _responseHeaders = HeaderList.Empty;
        private readonly List<string> _requestBody = [];
        private readonly List<string> _responseBody = [];

        /// <summary>One "&gt;" line; <paramref name="content"/> is null for a bare "&gt;".</summary>
        public void Request(string? content)
        {
            switch (Phase)
            {
                case Phase.None:
                    if (string.IsNullOrEmpty(content)) return;
                    RequestLine = content;
                    Phase = Phase.RequestHeaders;
                    break;
                case Phase.RequestHeaders:
                    if (string.IsNullOrEmpty(content)) Phase = Phase.RequestBody;
                    else _requestHeaders = HttpMessage.AddHeaderLine(_requestHeaders, content);
                    break;
                case Phase.RequestBody:
                    if (content is not null) _requestBody.Add(content);
                    break;
            }
        }

        /// <summary>One "&lt;" line; <paramref name="content"/> is null for a bare "&lt;".</summary>
        public void Response(string? content)
        {
            switch (Phase)
            {
                case Phase.ResponseHeaders:
                    if (string.IsNullOrEmpty(content)) Phase = Phase.ResponseBody;
                    else _responseHeaders = HttpMessage.AddHeaderLine(_responseHeaders, content);
                    break;
                case Phase.ResponseBody:
                    if (content is not null) _responseBody.Add(content);
                    break;
                default:
                    if (string.IsNullOrEmpty(content)) return;
                    StatusLine = content;
                    Phase = Phase.ResponseHeaders;
                    break;
            }
        }

        public HttpExchange Build(int number)
        {
            HttpMessage? request = RequestLine is null ? null : new HttpMessage(RequestLine, _requestHeaders, Encoding.UTF8.GetBytes(string.Join("\n", _requestBody)));
            byte[] body = EscapedBody ?? Encoding.UTF8.GetBytes(_responseBody.Count == 0 ? "" : string.Join("\n", _responseBody) + "\n");
            HttpMessage? response = StatusLine is null ? null : new HttpMessage(StatusLine, _responseHeaders, body);
            return new HttpExchange(number, title.Length > 0 ? title : $"exchange {number + 1}", request, response);
        }
    }
}
