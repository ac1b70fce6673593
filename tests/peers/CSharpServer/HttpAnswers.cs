using System.Net;
using System.Text;
using System.Text.Json;

namespace McpFuzz.Peers.CSharpServer;

/// <summary>The answers the host writes itself, before or instead of the SDK transport.</summary>
internal static class HttpAnswers
{
    /// <summary>Upper bound on a POST body; larger bodies get 413 before anything is parsed.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// An error status with a JSON-RPC error body (id null: the host answers before it knows
    /// which request, if any, the body holds), the shape the TypeScript SDK uses too.
    /// </summary>
    public static void JsonRpcError(HttpListenerResponse response, HttpStatusCode status, int code, string message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            jsonrpc = "2.0",
            error = new { code, message },
            id = (object?)null,
        });
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
    }

    public static void Status(HttpListenerResponse response, HttpStatusCode status)
    {
        response.StatusCode = (int)status;
        response.ContentLength64 = 0;
        response.Close();
    }

    public static void MethodNotAllowed(HttpListenerResponse response, string allow)
    {
        response.AddHeader("Allow", allow);
        JsonRpcError(response, HttpStatusCode.MethodNotAllowed, -32000, "Method not allowed");
    }

    /// <summary>Sets the headers of an SSE response and sends them now, before the first event.</summary>
    public static void StartEventStream(HttpListenerResponse response)
    {
        response.StatusCode = (int)HttpStatusCode.OK;
        response.ContentType = "text/event-stream";
        response.AddHeader("Cache-Control", "no-cache");
        response.SendChunked = true;
    }

    /// <summary>Reads the whole body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpListenerRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength64 > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Whether an Accept header lists the media type (parameters and q-values ignored).</summary>
    public static bool Accepts(HttpListenerRequest request, string mediaType) =>
        (request.AcceptTypes ?? [])
            .SelectMany(value => value.Split(','))
            .Select(value => value.Split(';')[0].Trim())
            .Any(value => value.Equals(mediaType, StringComparison.OrdinalIgnoreCase));

    public static bool HasJsonContentType(HttpListenerRequest request) =>
        request.ContentType is { } type
        && type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
