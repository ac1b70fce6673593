using McpFuzz.Driver.Wire;

namespace McpFuzz.Driver.Server;

/// <summary>An exchange as the lines a finding shows: the request line and headers, a short body,
/// the status and headers, and each SSE event as decoded.</summary>
public static class ExchangeLines
{
    private const int BodyChars = 300;

    public static IReadOnlyList<string> Of(WireExchange exchange, IReadOnlyList<WireSseEvent>? streamEvents = null)
    {
        var lines = new List<string> { $"> {exchange.Request.Method} {exchange.Request.Url}" };
        foreach (var h in exchange.Request.Headers) lines.Add($"> {h.Name}: {h.Value}");
        if (exchange.Request.Body.Length > 0) lines.Add("> " + Short(System.Text.Encoding.UTF8.GetString(exchange.Request.Body)));
        if (exchange.Response is not { } response)
        {
            lines.Add("< (no answer)");
            return lines;
        }

        lines.Add($"< {response.Status}");
        foreach (var h in response.Headers) lines.Add($"< {h.Name}: {h.Value}");
        if (response.Body.Length > 0) lines.Add("< " + Short(System.Text.Encoding.UTF8.GetString(response.Body)));
        foreach (var e in streamEvents ?? response.Events)
        {
            string id = e.Id is null ? "" : $" id={e.Id}";
            lines.Add($"< event: {e.Type}{id} data: {Short(e.Data)}");
        }

        if (response.End is { } end) lines.Add($"< (body ended: {end.Kind.ToString().ToLowerInvariant()})");
        return lines;
    }

    private static string Short(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= BodyChars ? text : text[..BodyChars] + "…";
    }
}
