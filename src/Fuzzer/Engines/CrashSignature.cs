using System.Diagnostics;
using System.Text;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// What makes two crashes the same bug: the exception type and the top three frames of the code
/// under test (<c>McpFuzz.*</c> minus the engine and the command-line harness), by method name
/// only — offsets and line numbers move with every build and with instrumentation.
/// <see cref="Hash"/> names the crash files. Which frames a stack shows depends on what the JIT
/// inlined, and tiered compilation changes that while a process runs; so workers run with tiered
/// compilation off (stable frames for the whole campaign), and minimisation, which runs wherever
/// it is asked, compares only <see cref="Site"/>: the exception type and the throwing frame.
/// </summary>
public sealed record CrashSignature(string Text, string Site)
{
    private const int Frames = 3;

    public string Hash { get; } = ContentHash.Of(Encoding.UTF8.GetBytes(Text));

    /// <summary>Code that runs the target rather than being tested: frames from here down are
    /// the same for every crash.</summary>
    private static bool IsHarness(string name) =>
        name.StartsWith("McpFuzz.Fuzzer.Engines.", StringComparison.Ordinal) || name.StartsWith("McpFuzz.Driver.", StringComparison.Ordinal);

    public static CrashSignature Of(Exception exception)
    {
        var frames = new List<string>();
        var all = new StackTrace(exception, fNeedFileInfo: false).GetFrames();
        foreach (var frame in all)
        {
            var method = frame.GetMethod();
            string? type = method?.DeclaringType?.FullName;
            if (method is null || type is null) continue;
            if (IsHarness(type)) break;
            if (!type.StartsWith("McpFuzz.", StringComparison.Ordinal)) continue;
            frames.Add($"{type}.{method.Name}");
            if (frames.Count == Frames) break;
        }
        // A crash entirely inside the framework: its own top frames are the best we have.
        if (frames.Count == 0)
        {
            foreach (var frame in all.Take(Frames))
                if (frame.GetMethod() is { DeclaringType: { } t } m) frames.Add($"{t.FullName}.{m.Name}");
        }
        return Build(exception.GetType().FullName ?? exception.GetType().Name, frames);
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
            if (!line.StartsWith("at McpFuzz.", StringComparison.Ordinal)) continue;
            string name = line[3..];
            int paren = name.IndexOf('(');
            if (paren > 0) name = name[..paren];
            if (IsHarness(name)) break;
            if (!frames.Contains(name)) frames.Add(name);
            if (frames.Count == Frames) break;
        }
        return Build(cause, frames);
    }

    private static CrashSignature Build(string what, List<string> frames) =>
        frames.Count == 0
            ? new CrashSignature(what, what)
            : new CrashSignature(what + " at " + string.Join(" < ", frames), what + " at " + frames[0]);
}
