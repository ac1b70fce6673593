namespace McpFuzz.Driver.Reports;

public enum ReportFormat
{
    Json,
    JUnit,
    Sarif,
    Markdown,
}

/// <summary>One <c>--report FORMAT:PATH</c>.</summary>
public sealed record ReportTarget(ReportFormat Format, string Path)
{
    private static readonly Dictionary<string, ReportFormat> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["json"] = ReportFormat.Json,
        ["junit"] = ReportFormat.JUnit,
        ["sarif"] = ReportFormat.Sarif,
        ["markdown"] = ReportFormat.Markdown,
        ["md"] = ReportFormat.Markdown,
    };

    /// <summary>Parses FORMAT:PATH; null with the reason when it is not one.</summary>
    public static ReportTarget? Parse(string text, out string? error)
    {
        error = null;
        int colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"'{text}' is not FORMAT:PATH (formats: json, junit, sarif, markdown)";
            return null;
        }

        if (!Names.TryGetValue(text[..colon], out var format))
        {
            error = $"'{text[..colon]}' is not a report format (json, junit, sarif, markdown)";
            return null;
        }

        return new ReportTarget(format, text[(colon + 1)..]);
    }
}
