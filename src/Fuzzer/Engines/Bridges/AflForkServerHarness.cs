using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>
/// The target's side of AFL++'s fork-server protocol. AFL++ publishes its edge map as a System V
/// segment named by <c>__AFL_SHM_ID</c>, sends a 4-byte control word on fd 198 per input (1 when it
/// killed the previous child after a timeout, else 0), and reads a child pid and then a 4-byte wait
/// status on fd 199 (0 = exited cleanly; a signal number = killed by it, which it files as a crash,
/// or as a hang when it killed the child itself after <c>-t</c>).
/// <para>
/// The process afl-fuzz starts is a supervisor: it keeps fds 198/199 and runs the inputs in an
/// <see cref="AflChild"/>, a second .NET process that serves one input after another (persistent
/// mode, no fork: .NET cannot fork) and answers each with a status over a private pipe pair. AFL++
/// is told the child's pid, so a timeout kill ends the child, not the campaign; a child that dies
/// (a stack overflow, a kill) is reported with the signal that ended it and replaced on the next
/// input. The replacement starts before its pid is written, so its start-up is not counted against
/// the next input's timeout.
/// </para>
/// </summary>
public static unsafe class AflForkServerHarness
{
    public const int ControlFd = 198;
    public const int StatusFd = 199;
    public const string ShmEnv = "__AFL_SHM_ID";

    /// <summary>Serves inputs until AFL++ closes the control pipe; returns the process exit code.
    /// In the child (<see cref="AflChild.FdsEnv"/> set) it runs them instead.</summary>
    public static int Serve(IFuzzTarget target, TextWriter log)
    {
        string? shmId = Environment.GetEnvironmentVariable(ShmEnv);
        if (shmId is null || !int.TryParse(shmId, out int id))
        {
            log.WriteLine($"mcpfuzz fuzz-harness: {ShmEnv} is not set: run this under afl-fuzz");
            return 2;
        }
        return Environment.GetEnvironmentVariable(AflChild.FdsEnv) is { } fds
            ? RunInputs(target, id, fds, log)
            : Supervise(log);
    }

    private static int Supervise(TextWriter log)
    {
        // The child must not hold AFL++'s pipes: if we die, AFL++ should see it at once.
        Posix.CloseOnExec(ControlFd, true);
        Posix.CloseOnExec(StatusFd, true);
        var child = AflChild.Start(log);
        if (child is null) return 2;
        try
        {
            // Hello: 0 = no fork-server options, so AFL++ keeps its default 64 KiB map and feeds
            // inputs through the file on our stdin (no shared-memory test cases).
            Posix.WriteWord(StatusFd, 0);
            while (Posix.TryReadWord(ControlFd, out uint word))
            {
                // AFL++ killed the child after a timeout but the child's status had arrived first:
                // the child is dead or dying, and must not take this input.
                if (word != 0 && child is not null) { child.Dispose(); child = null; }
                if (child is null || !child.Request(word))
                {
                    child?.Dispose();
                    child = AflChild.Start(log);
                    if (child is null || !child.Request(word)) return 2;
                }
                Posix.WriteWord(StatusFd, (uint)child.Pid);
                uint? status = child.Status();
                if (status is null)
                {
                    status = child.Died(log, "running an input");
                    child.Dispose();
                    child = null;
                }
                Posix.WriteWord(StatusFd, status.Value);
            }
            return 0;
        }
        finally
        {
            child?.Dispose();
        }
    }

    /// <summary>The child's loop: a hello, then per request one input from stdin run to a status.</summary>
    private static int RunInputs(IFuzzTarget target, int shmId, string fds, TextWriter log)
    {
        var parts = fds.Split(',');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int control) || !int.TryParse(parts[1], out int status))
        {
            log.WriteLine($"mcpfuzz fuzz-harness: {AflChild.FdsEnv}='{fds}' is not CONTROL,STATUS");
            return 2;
        }
        var harness = new HarnessedTarget(target, Posix.AttachShared(shmId), log);
        var input = new StdinInput();
        Posix.WriteWord(status, 0);
        bool first = true;
        while (Posix.TryReadWord(control, out _))
        {
            var bytes = input.ReadAll();
            uint result = first ? harness.RunFirst(bytes) : harness.Run(bytes);
            first = false;
            if (!Posix.TryWriteWord(status, result)) break;
        }
        return 0;
    }
}
