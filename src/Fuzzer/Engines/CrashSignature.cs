using System.Diagnostics;
using System.Text;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// What makes two crashes the same bug: the exception type and the top three frames of our own
/// code (<c>McpFuzz.*</c>, minus the engine), by method name only — offsets and line numbers move
/// with every build and with instrumentation. <see cref="Hash"/> names the crash files.
/// </summary>
public sealed record CrashSignature(string Text)
{
    private const int Frames = 3;

    public string Hash { get; } = ContentHash.Of(Encoding.UTF8.GetBytes(Text));

    public static CrashSignature Of(Exception exception)
    {
        var frames = new List<string>();
        var all = new StackTrace(exception, fNeedFileInfo: false).GetFrames();
        foreach (var frame in all)
        {
            var method = frame.GetMethod();
            string? type = method?.DeclaringType?.FullName;
            if (method is null || type is null) continue;
            if (!type.StartsWith("McpFuzz.", StringComparison.Ordinal) || type.StartsWith("McpFuzz.Fuzzer.Engines.", StringComparison.Ordinal)) continue;
            frames.Add($"{type}.{method.Name}");
            if (frames.Count == Frames) break;
        }
        // A crash entirely inside the framework: its own top frames are the best we have.
        if (frames.Count == 0)
        {
            foreach (var frame in all.Take(Frames))
                if (frame.GetMethod() is { DeclaringType: { } t } m) frames.Add($"{t.FullName}.{m.Name}");
        }
        return new CrashSignature(exception.GetType().FullName + " at " + string.Join(" < ", frames));
    }

    /// <summary>The signature of a worker that died (stack overflow, timeout, a native crash):
    /// what killed it and, when the runtime printed one to standard error, the top frames of our
    /// code from that stack.</summary>
    public static CrashSignature OfDeath(string cause, string standardError)
    {
        var frames = new List<string>();
        foreach (string raw in standardError.Split('\n'))
        {
            string line = raw.Trim();
            if (!line.StartsWith("at McpFuzz.", StringComparison.Ordinal) || line.StartsWith("at McpFuzz.Fuzzer.Engines.", StringComparison.Ordinal)) continue;
            string name = line[3..];
            int paren = name.IndexOf('(');
            if (paren > 0) name = name[..paren];
            if (!frames.Contains(name)) frames.Add(name);
            if (frames.Count == Frames) break;
        }
        return new CrashSignature(frames.Count == 0 ? cause : cause + " at " + string.Join(" < ", frames));
    }
}
