using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>
/// The .NET process that really runs AFL++'s inputs, as the fork server (<see cref="AflForkServerHarness"/>)
/// sees it: the same <c>mcpfuzz fuzz-harness</c> command line started again with a private pipe pair
/// named in <see cref="FdsEnv"/>. It inherits our stdin (AFL++'s current-input file), our standard
/// error and the <c>__AFL_SHM_ID</c> segment, so it reads inputs and writes coverage exactly as the
/// fork server itself used to. Its pid is what AFL++ is told, so AFL++'s timeout kill lands here.
/// </summary>
internal sealed class AflChild : IDisposable
{
    /// <summary>Set in the child's environment: <c>CONTROL,STATUS</c>, the descriptors it reads
    /// requests from and writes its hello and statuses to.</summary>
    public const string FdsEnv = "MCPFUZZ_AFL_CHILD_FDS";

    private readonly Process process;
    private readonly int control;
    private readonly int status;
    private bool closed;

    private AflChild(Process process, int control, int status)
    {
        this.process = process;
        this.control = control;
        this.status = status;
    }

    public int Pid => process.Id;

    /// <summary>Starts a child and waits for its hello; null (and the reason logged) when it died
    /// before saying hello: it cannot load the target, and another start would fail the same way.</summary>
    public static AflChild? Start(TextWriter log)
    {
        var (childControl, ourControl) = Posix.Pipe();
        var (ourStatus, childStatus) = Posix.Pipe();
        // Only the child's two ends cross exec; ours stay close-on-exec so that the child's death
        // is end of file on the status pipe and ours is end of file on its control pipe.
        Posix.CloseOnExec(childControl, false);
        Posix.CloseOnExec(childStatus, false);
        var start = SameCommand();
        start.UseShellExecute = false;
        start.Environment[FdsEnv] = string.Create(CultureInfo.InvariantCulture, $"{childControl},{childStatus}");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process started");
        }
        finally
        {
            Posix.Close(childControl);
            Posix.Close(childStatus);
        }
        var child = new AflChild(process, ourControl, ourStatus);
        if (Posix.TryReadWord(ourStatus, out _)) return child;
        child.Died(log, "before its hello");
        child.Dispose();
        return null;
    }

    /// <summary>Passes AFL++'s control word on; false when the child is gone (the input is not run).</summary>
    public bool Request(uint word) => Posix.TryWriteWord(control, word);

    /// <summary>The child's status for the input it was asked to run; null when it died running it.</summary>
    public uint? Status() => Posix.TryReadWord(status, out uint word) ? word : null;

    /// <summary>Waits for the dead child, logs how it ended and returns that as the wait status
    /// AFL++ reads: the signal that killed it (SIGKILL after AFL++'s timeout, which AFL++ files as a
    /// hang; SIGABRT, how .NET ends on a stack overflow, or SIGSEGV, which it files as crashes), or
    /// SIGABRT for any other exit in the middle of an input, a crash too.</summary>
    public uint Died(TextWriter log, string when)
    {
        process.WaitForExit();
        int code = process.ExitCode;
        // .NET reports a death by signal N as exit code 128 + N.
        uint signal = code is > 128 and < 128 + 65 ? (uint)(code - 128) : HarnessedTarget.Crash;
        log.WriteLine($"mcpfuzz fuzz-harness: child {process.Id} died {when} (exit code {code}, reported to AFL++ as signal {signal})");
        log.Flush();
        return signal;
    }

    /// <summary>Ends the child for good: it is killed if still running (AFL++ killed it after a
    /// timeout, or we are shutting down) and reaped.</summary>
    public void Dispose()
    {
        if (closed) return;
        closed = true;
        Posix.Close(control);
        Posix.Close(status);
        try
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit();
        }
        catch (InvalidOperationException) { }
        process.Dispose();
    }

    /// <summary>This process's own command line: the dotnet host with the program's path before the
    /// arguments, or an apphost with just the arguments.</summary>
    private static ProcessStartInfo SameCommand()
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("the process path is unknown");
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly"));
        foreach (var arg in Environment.GetCommandLineArgs().Skip(1)) start.ArgumentList.Add(arg);
        return start;
    }
}
