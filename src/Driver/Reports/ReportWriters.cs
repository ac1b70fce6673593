using McpFuzz.Driver.Output;

namespace McpFuzz.Driver.Reports;

/// <summary>Writes a report in the format asked for, atomically.</summary>
public static class ReportWriters
{
    public static void Write(RunReport report, ReportTarget target) => AtomicFile.Write(target.Path, stream =>
    {
        switch (target.Format)
        {
            case ReportFormat.Json: JsonReport.Write(report, stream); break;
            case ReportFormat.JUnit: JUnitReport.Write(report, stream); break;
            case ReportFormat.Sarif: SarifReport.Write(report, stream); break;
            default: MarkdownReport.Write(report, stream); break;
        }
    });
}
