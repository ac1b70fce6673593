using System.Globalization;
using System.Xml;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Reports;

/// <summary>JUnit XML: a test suite per revision, a test case per scenario and rule checked, so a
/// CI system lists every rule as its own test; a finding is that case's failure.</summary>
public static class JUnitReport
{
    public static void Write(RunReport report, Stream stream)
    {
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", $"mcpfuzz server {report.Target}");
        foreach (var group in report.Scenarios.GroupBy(s => s.Revision).OrderBy(g => g.Key))
        {
            var cases = group.SelectMany(s => Rules(s).Select(rule => (Scenario: s, Rule: rule))).ToList();
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", group.Key.ToText());
            xml.WriteAttributeString("tests", cases.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", cases.Count(c => c.Scenario.Findings.Any(f => f.RuleId == c.Rule)).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("skipped", cases.Count(c => c.Scenario.Skipped is not null).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("time", group.Sum(s => s.Elapsed.TotalSeconds).ToString("F3", CultureInfo.InvariantCulture));
            foreach (var (scenario, rule) in cases)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", $"{group.Key.ToText()}.{scenario.Name}");
                xml.WriteAttributeString("name", rule);
                if (scenario.Skipped is not null)
                {
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", scenario.Skipped);
                    xml.WriteEndElement();
                }

                foreach (var finding in scenario.Findings.Where(f => f.RuleId == rule))
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("type", finding.Level.ToString().ToUpperInvariant());
                    xml.WriteAttributeString("message", finding.Observed);
                    xml.WriteString($"expected: {finding.Expected}\n" + string.Join("\n", finding.Exchange));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>The rules a scenario checked, and any a finding cites besides; a scenario with none
    /// still appears once.</summary>
    private static IEnumerable<string> Rules(ScenarioResult s) =>
        s.RulesChecked.Union(s.Findings.Select(f => f.RuleId)).DefaultIfEmpty("(scenario)");
}
