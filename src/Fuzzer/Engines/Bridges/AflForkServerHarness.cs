using McpFuzz.Fuzzer.Coverage;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>
/// The target's side of AFL++'s fork-server protocol in persistent mode without forking: this one
/// process stands in for every child AFL++ believes it starts. AFL++ publishes its edge map as a
/// System V segment named by <c>__AFL_SHM_ID</c>, sends a 4-byte control word on fd 198 per input,
/// and reads our pid and then a 4-byte wait status on fd 199 (0 = exited cleanly, 6 = killed by
/// SIGABRT, which it files as a crash).
/// </summary>
public static unsafe class AflForkServerHarness
{
    public const int ControlFd = 198;
    public const int StatusFd = 199;
    public const string ShmEnv = "__AFL_SHM_ID";

    /// <summary>Serves inputs until AFL++ closes the control pipe; returns the process exit code.</summary>
    public static int Serve(IFuzzTarget target, TextWriter log)
    {
        string? shmId = Environment.GetEnvironmentVariable(ShmEnv);
        if (shmId is null || !int.TryParse(shmId, out int id))
        {
            log.WriteLine($"mcpfuzz fuzz-harness: {ShmEnv} is not set: run this under afl-fuzz");
            return 2;
        }

        var harness = new HarnessedTarget(target, Posix.AttachShared(id), log);
        var input = new StdinInput();

        // Hello: 0 = no fork-server options, so AFL++ keeps its default 64 KiB map and feeds
        // inputs through the file on our stdin (no shared-memory test cases).
        Posix.WriteWord(StatusFd, 0);
        bool first = true;
        while (Posix.TryReadWord(ControlFd, out _))
        {
            Posix.WriteWord(StatusFd, (uint)Environment.ProcessId);
            var bytes = input.ReadAll();
            uint status = first ? harness.RunFirst(bytes) : harness.Run(bytes);
            first = false;
            Posix.WriteWord(StatusFd, status);
        }
        return 0;
    }
}

/// <summary>
/// The current input as AFL++ delivers it without shared-memory test cases: it writes the input to
/// <c>.cur_input</c>, truncates the file to that length and seeks back to 0 before each run. Our
/// stdin is a dup of the same open file, so it shares that offset: reading to end of file gives
/// exactly this input, and AFL++'s rewind readies the next one. A read buffer kept across inputs
/// avoids an allocation per run.
/// </summary>
internal sealed unsafe class StdinInput
{
    private const int Stdin = 0;
    private byte[] buffer = new byte[1 << 16];

    public ReadOnlySpan<byte> ReadAll()
    {
        int length = 0;
        while (true)
        {
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            int n;
            fixed (byte* p = buffer) n = Posix.ReadSome(Stdin, p + length, buffer.Length - length);
            if (n == 0) return buffer.AsSpan(0, length);
            length += n;
        }
    }
}
