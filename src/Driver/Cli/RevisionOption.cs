using System.CommandLine;
using System.CommandLine.Parsing;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Cli;

/// <summary>The <c>--revision</c> option: a revision date, parsed once for every command.</summary>
public static class RevisionOption
{
    public static Option<Revision?> Create(string description) => new("--revision", "-r")
    {
        Description = description + " One of: " + string.Join(", ", Revisions.All.Select(r => r.ToText())) + ".",
        HelpName = "YYYY-MM-DD",
        CustomParser = Parse,
    };

    private static Revision? Parse(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Revisions.TryParse(text, out Revision revision)) return revision;
        result.AddError($"--revision: '{text}' is not an MCP revision (expected one of {string.Join(", ", Revisions.All.Select(r => r.ToText()))})");
        return null;
    }
}
