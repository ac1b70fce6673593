using System.Text;

namespace McpFuzz.Driver.Fuzz;

/// <summary>The requests of a run as a plain shell script of curl calls. The session id of each
/// initialize answer is captured into a variable (<c>$S1</c>, <c>$S2</c>, ...) and used where the run
/// used that id, so the script works against a fresh server process.</summary>
public static class CurlScript
{
    public static string Of(Uri url, LiveRun run)
    {
        var text = new StringBuilder("#!/bin/sh\n# mcpfuzz replay script: ").Append(run.Rule).Append('\n')
            .Append("URL=${1:-").Append(Quote(url.AbsoluteUri)).Append("}\n");
        var sessions = new Dictionary<string, string>();
        foreach (var (step, judged) in run.Exchanges)
        {
            var request = judged.Exchange.Request;
            text.Append("\n# step ").Append(step + 1).Append('\n');
            bool initialize = Encoding.UTF8.GetString(request.Body).Contains("\"initialize\"", StringComparison.Ordinal);
            string name = $"S{sessions.Count + 1}";
            text.Append(initialize ? name + "=$(" : "").Append("curl -sS -i -N --max-time 5 -X ").Append(request.Method).Append(" \"$URL\"");
            foreach (var h in request.Headers)
            {
                string value = sessions.TryGetValue(h.Value, out var variable) ? variable : h.Value;
                text.Append(" -H ").Append(variable is null ? Quote($"{h.Name}: {value}") : $"\"{h.Name}: {value}\"");
            }

            if (request.Body.Length > 0) text.Append(" --data-binary ").Append(Quote(Encoding.UTF8.GetString(request.Body)));
            if (initialize)
            {
                text.Append(" | tee /dev/stderr | tr -d '\\r' | sed -n 's/^[Mm][Cc][Pp]-[Ss]ession-[Ii][Dd]: //p')\n");
                if (judged.Exchange.Response?.Headers.Get("Mcp-Session-Id") is { } session) sessions[session] = "$" + name;
            }
            else text.Append('\n');
        }

        return text.ToString();
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
