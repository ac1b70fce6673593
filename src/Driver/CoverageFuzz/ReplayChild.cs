using System.Diagnostics;
using System.Text;
using System.Text.Json;
using McpFuzz.Driver.Cli;
using McpFuzz.Fuzzer.Engines;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>What running one input in a <see cref="ReplayChild"/> gave: no crash
/// (<see cref="Signature"/> null), an exception (<see cref="Killed"/> false, <see cref="Detail"/>
/// the exception), or the death of the child (<see cref="Killed"/> true, <see cref="Detail"/> the
/// cause and the end of the child's standard error).</summary>
public sealed record ReplayOutcome(CrashSignature? Signature, bool Killed, string Detail)
{
    public static readonly ReplayOutcome Clean = new(null, false, "");

    /// <summary>Whether <paramref name="other"/> is the same crash: the same kind, and for an
    /// exception the same <see cref="CrashSignature.Site"/> (inlining may change the lower frames),
    /// for a death the same whole signature (what killed the child and its frames).</summary>
    public bool SameCrashAs(ReplayOutcome other) =>
        Signature is { } mine && other.Signature is { } theirs && Killed == other.Killed
        && (Killed ? mine.Text == theirs.Text : mine.Site == theirs.Site);
}

/// <summary>
/// A child process (<c>mcpfuzz fuzz-run</c>, started from the harness directory
/// <see cref="HarnessChoice"/> picks, as workers are) that runs inputs one at a time for
/// <c>--reproduce</c> and <c>--minimize</c>. An input that overflows the stack or hangs past the
/// timeout ends the child, not the caller; it is reported with the signature a campaign would
/// give it (<see cref="CrashSignature.OfDeath"/>), and the next input starts a new child. Inputs
/// that do not kill it keep the same child, so only dying costs a process start.
/// </summary>
public sealed class ReplayChild(Harness harness, string targetName, TimeSpan timeout) : IDisposable
{
    private Process? process;
    private StringBuilder stderr = new();
    private Task readErrors = Task.CompletedTask;

    /// <summary>Children started so far (the first, plus one per death that was followed by
    /// another input).</summary>
    public int Starts { get; private set; }

    public ReplayOutcome Run(byte[] input)
    {
        var child = process ??= Start();
        try
        {
            byte[] header = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header, input.Length);
            var stream = child.StandardInput.BaseStream;
            stream.Write(header);
            stream.Write(input);
            stream.Flush();
        }
        catch (IOException)
        {
            // The child is gone (it died on an earlier input's way out); its end is read below.
        }
        string? line = child.StandardOutput.ReadLine();
        if (line is not null && JsonSerializer.Deserialize<ReplayAnswer>(line, ReplayAnswer.Json) is { } answer)
        {
            return answer.Crashed
                ? new ReplayOutcome(new CrashSignature(answer.Signature ?? "", answer.Site ?? ""), false, answer.Exception ?? "")
                : ReplayOutcome.Clean;
        }
        return Died(child);
    }

    private ReplayOutcome Died(Process child)
    {
        child.WaitForExit();
        readErrors.Wait();
        int exitCode = child.ExitCode;
        string errors = stderr.ToString();
        child.Dispose();
        process = null;
        // The child's own command line failed (a target the harness does not know): not the input.
        if (exitCode is ExitCodes.Ok or ExitCodes.Usage or ExitCodes.InternalError)
            throw new InvalidOperationException($"fuzz-run child failed (exit code {exitCode}): {Tail(errors, 2000).Trim()}");
        string cause = HarnessProcess.CauseOfDeath(exitCode, errors, timeout);
        return new ReplayOutcome(CrashSignature.OfDeath(cause, errors), true, $"{cause}; the child's standard error ended with:\n{Tail(errors, 8000)}");
    }

    private Process Start()
    {
        List<string> arguments = ["fuzz-run", targetName];
        if (harness.TargetsAssembly is { } targets) arguments.AddRange(["--targets", targets]);
        arguments.AddRange(["--timeout-ms", ((long)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var start = HarnessProcess.StartInfo(harness.Program, arguments, input: true);

        var child = Process.Start(start) ?? throw new InvalidOperationException("cannot start a fuzz-run child");
        Starts++;
        var errors = new StringBuilder();
        stderr = errors;
        readErrors = HarnessProcess.KeepTail(child.StandardError, errors);
        return child;
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];

    public void Dispose()
    {
        if (process is not { } child) return;
        process = null;
        try
        {
            child.StandardInput.Close();
            if (!child.WaitForExit(5000)) child.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException) { }
        child.Dispose();
    }
}
