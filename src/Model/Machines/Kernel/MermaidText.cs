using System.Text;

namespace McpFuzz.Model.Machines.Kernel;

/// <summary>Text made safe for Mermaid diagrams, state and sequence diagrams alike.</summary>
public static class MermaidText
{
    /// <summary>Mermaid ends a statement at <c>;</c> and a message at <c>#</c> (a comment), and
    /// renders labels as HTML; such characters become its entity codes, in one pass so that the
    /// <c>#</c> and <c>;</c> of a code are not coded again. A line break would end the statement,
    /// so it becomes a space.</summary>
    public static string Label(string label)
    {
        var text = new StringBuilder(label.Length);
        foreach (char c in label)
        {
            string? code = c switch
            {
                '#' => "#35;",
                ';' => "#59;",
                '"' => "#quot;",
                '&' => "#amp;",
                '<' => "#lt;",
                '>' => "#gt;",
                '\r' or '\n' => " ",
                _ => null,
            };
            if (code is null) text.Append(c);
            else text.Append(code);
        }

        return text.ToString();
    }

    /// <summary>A value for the double-quoted <c>title</c> of a diagram's YAML front matter.</summary>
    public static string YamlQuoted(string value) => value
        .Replace("\\", "\\\\")
        .Replace("\"", "\\\"")
        .Replace("\r", " ")
        .Replace("\n", " ");
}
