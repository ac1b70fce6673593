using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>
/// The .NET side of our libFuzzer bridge (<c>libfuzzer_bridge.c</c>). The bridge creates one
/// System V segment, <see cref="MapBytes"/> of edge map followed by <see cref="InputCapacity"/> of
/// input, names it in <see cref="ShmEnv"/>, and starts us with a control pipe on fd 198 and a status
/// pipe on fd 199. We say hello (a 4-byte 0); per input the bridge clears the map, copies the input
/// after it and writes its length; we run the target and write a status (0 = ok, nonzero = crash,
/// on which the bridge aborts so libFuzzer keeps the input).
/// </summary>
public static unsafe class LibFuzzerBridgeHarness
{
    public const int ControlFd = 198;
    public const int StatusFd = 199;
    public const string ShmEnv = "MCPFUZZ_BRIDGE_SHM_ID";
    public const int MapBytes = 1 << 16;
    public const int InputCapacity = 1 << 20;

    /// <summary>Serves inputs until the bridge closes the control pipe; returns the process exit code.</summary>
    public static int Serve(IFuzzTarget target, TextWriter log)
    {
        string? shmId = Environment.GetEnvironmentVariable(ShmEnv);
        if (shmId is null || !int.TryParse(shmId, out int id))
        {
            log.WriteLine($"mcpfuzz fuzz-harness: {ShmEnv} is not set: this is started by the libFuzzer bridge");
            return 2;
        }

        byte* shared = Posix.AttachShared(id);
        var harness = new HarnessedTarget(target, shared, log);
        Posix.WriteWord(StatusFd, 0);
        bool first = true;
        while (Posix.TryReadWord(ControlFd, out uint length))
        {
            if (length > InputCapacity)
            {
                log.WriteLine($"mcpfuzz fuzz-harness: input length {length} exceeds the shared buffer");
                return 2;
            }
            var input = new ReadOnlySpan<byte>(shared + MapBytes, (int)length);
            uint status = first ? harness.RunFirst(input) : harness.Run(input);
            first = false;
            Posix.WriteWord(StatusFd, status);
        }
        return 0;
    }
}
