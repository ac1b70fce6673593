using System.CommandLine;
using McpFuzz.Driver.Output;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz rules</c>: the rule catalog every finding cites.</summary>
public static class RulesCommand
{
    public static Command Create(Terminal terminal)
    {
        var revision = RevisionOption.Create("Only rules that hold in this revision.");
        var json = new Option<bool>("--json") { Description = "One JSON object per rule (JSON Lines) instead of a table." };
        var command = new Command("rules", "List the rules McpFuzz checks: id, level, the revisions they hold in, and where the spec says so.") { revision, json };
        command.SetAction(parse =>
        {
            Revision? only = parse.GetValue(revision);
            var rules = RuleCatalog.All.Where(r => only is not { } r2 || r.AppliesTo(r2)).ToList();
            if (parse.GetValue(json))
            {
                var lines = new JsonLines(terminal.Out);
                foreach (var rule in rules)
                {
                    lines.Write(w =>
                    {
                        w.WriteString("id", rule.Id);
                        w.WriteString("level", rule.Level.ToString().ToUpperInvariant());
                        w.WriteString("side", rule.Side.ToString().ToLowerInvariant());
                        w.WriteStartArray("revisions");
                        foreach (var r in rule.Revisions.Members()) w.WriteStringValue(r.ToText());
                        w.WriteEndArray();
                        w.WriteString("spec", rule.SpecRef);
                        w.WriteString("summary", rule.Summary);
                    });
                }
            }
            else
            {
                int width = rules.Max(r => r.Id.Length);
                foreach (var rule in rules)
                {
                    terminal.Out.WriteLine($"{rule.Id.PadRight(width)}  {rule.Level.ToString().ToUpperInvariant(),-6}  {rule.Side.ToString().ToLowerInvariant(),-6}  {rule.Revisions}");
                    terminal.Out.WriteLine($"{"".PadRight(width)}  {rule.Summary}");
                    terminal.Out.WriteLine($"{"".PadRight(width)}  spec: {rule.SpecRef}");
                }

                terminal.Out.WriteLine($"{rules.Count} rule(s)");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
