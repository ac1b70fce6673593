using System.Text;
using McpFuzz.Model.Checking;

namespace McpFuzz.Driver.Output;

/// <summary>Where <c>check --mermaid DIR</c> puts a pairing's sequence diagram:
/// <c>DIR/CLIENT__SERVER.mmd</c>, each side with its profiles, written atomically.</summary>
public static class DiagramFiles
{
    /// <summary>The file name of a pairing's diagram. Sides are revisions and profile names
    /// (digits, letters, '-', '+'); anything else becomes '-', so that a name is safe on every
    /// file system and '_' never occurs inside a side.</summary>
    public static string NameOf(Pairing pairing) => $"{Safe(pairing.ClientText)}__{Safe(pairing.ServerText)}.mmd";

    public static string Write(string directory, Pairing pairing, string diagram)
    {
        string path = Path.Combine(directory, NameOf(pairing));
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(diagram)));
        return path;
    }

    private static string Safe(string side)
    {
        var text = new StringBuilder(side.Length);
        foreach (char c in side) text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '+' or '.' ? c : '-');
        return text.ToString();
    }
}
