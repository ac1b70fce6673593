using System.CommandLine;
using System.Text.Json;
using McpFuzz.Driver.CoverageFuzz;
using McpFuzz.Fuzzer.Engines;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz fuzz-run</c> (hidden): the child in which <c>mcpfuzz fuzz --reproduce</c>
/// and <c>--minimize</c> run inputs, so that an input that overflows the stack or hangs ends this
/// process and not the one that asked (see <see cref="ReplayChild"/>). Reads inputs from standard
/// input, each a 4-byte little-endian length and the bytes, and answers each with one
/// <see cref="ReplayAnswer"/> JSON line on standard output. Exits 0 at the end of its input,
/// <see cref="WorkerSupervisor.TimeoutExitCode"/> when an input runs past <c>--timeout-ms</c>.</summary>
public static class FuzzRunCommand
{
    public static Command Create(Terminal terminal)
    {
        var target = new Argument<string>("TARGET");
        var timeout = new Option<long>("--timeout-ms") { DefaultValueFactory = _ => 0 };
        var targets = new Option<string?>("--targets");
        var command = new Command("fuzz-run", "Runs inputs for mcpfuzz fuzz --reproduce/--minimize.") { target, timeout, targets };
        command.Hidden = true;
        command.SetAction((parse, cancel) =>
        {
            var fuzzTarget = TargetCatalog.Open(parse.GetValue(targets)).Find(parse.GetValue(target)!);
            long limit = parse.GetValue(timeout);
            using var watchdog = limit > 0 ? new Watchdog(TimeSpan.FromMilliseconds(limit), () => Environment.Exit(WorkerSupervisor.TimeoutExitCode)) : null;
            using var input = terminal.OpenInput();
            while (!cancel.IsCancellationRequested && ReadInput(input) is { } bytes)
            {
                watchdog?.Begin();
                var crash = TargetRunner.Run(fuzzTarget, bytes);
                watchdog?.End();
                var answer = crash is { } c ? new ReplayAnswer(true, c.Signature.Text, c.Signature.Site, c.Exception.ToString()) : new ReplayAnswer(false, null, null, null);
                terminal.Out.WriteLine(JsonSerializer.Serialize(answer, ReplayAnswer.Json));
                terminal.Out.Flush();
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>The next length-prefixed input, or null at the end of the stream.</summary>
    private static byte[]? ReadInput(Stream stream)
    {
        Span<byte> header = stackalloc byte[4];
        if (stream.ReadAtLeast(header, 4, throwOnEndOfStream: false) < 4) return null;
        int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0) return null;
        byte[] bytes = new byte[length];
        return stream.ReadAtLeast(bytes, length, throwOnEndOfStream: false) < length ? null : bytes;
    }
}

/// <summary>What <c>fuzz-run</c> says about one input: whether it threw and, if so, its
/// signature and exception.</summary>
public sealed record ReplayAnswer(bool Crashed, string? Signature, string? Site, string? Exception)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
