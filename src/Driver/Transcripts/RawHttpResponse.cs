using System.Text;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Transcripts;

/// <summary>Reads one raw HTTP/1.x response (as <c>curl -i</c> prints it) into an exchange.</summary>
public static class RawHttpResponse
{
    public static HttpExchange Parse(byte[] bytes)
    {
        // The head is ASCII; find the blank line that ends it (CRLF CRLF, or LF LF as pasted).
        int split = IndexOfBlankLine(bytes, out int separator);
        string head = Encoding.ASCII.GetString(bytes, 0, split < 0 ? bytes.Length : split);
        byte[] body = split < 0 ? [] : bytes.AsSpan(split + separator).ToArray();
        string[] lines = head.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var headers = lines.Skip(1).Aggregate(HeaderList.Empty, HttpMessage.AddHeaderLine);

        return new HttpExchange(0, lines[0], null, new HttpMessage(lines[0], headers, body));
    }

    private static int IndexOfBlankLine(byte[] bytes, out int separator)
    {
        for (int i = 0; i < bytes.Length - 1; i++)
        {
            if (bytes[i] != '\n') continue;
            if (bytes[i + 1] == '\n') { separator = 2; return i; }
            if (bytes[i + 1] == '\r' && i + 2 < bytes.Length && bytes[i + 2] == '\n') { separator = 3; return i; }
        }

        separator = 0;
        return -1;
    }
}
