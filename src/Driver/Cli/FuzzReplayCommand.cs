using System.CommandLine;
using System.Globalization;
using System.Text;
using McpFuzz.Driver.CoverageFuzz;
using McpFuzz.Fuzzer.Engines;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz fuzz-replay</c> (hidden): the child of a corpus merge. Replays the inputs a
/// list file names, from number <c>--from</c> on, and prints one <see cref="ReplayLine"/> per
/// input. Run and restarted by <see cref="CorpusReplay"/>, which learns from the state file which
/// input killed it; an exception is saved in the crash directory and reported, not fatal.</summary>
public static class FuzzReplayCommand
{
    public static Command Create(Terminal terminal)
    {
        var target = new Argument<string>("TARGET");
        var list = new Option<string>("--list") { Required = true };
        var from = new Option<int>("--from");
        var state = new Option<string>("--state") { Required = true };
        var crashes = new Option<string>("--crashes") { Required = true };
        var maxLength = new Option<int>("--max-len") { DefaultValueFactory = _ => 4096 };
        var timeout = new Option<long>("--timeout-ms");
        var targets = new Option<string?>("--targets");
        var command = new Command("fuzz-replay", "One supervised replay process of mcpfuzz fuzz --merge.")
        {
            target, list, from, state, crashes, maxLength, timeout, targets,
        };
        command.Hidden = true;
        command.SetAction((parse, _) =>
        {
            var fuzzTarget = TargetCatalog.Open(parse.GetValue(targets)).Find(parse.GetValue(target)!);
            string[] files = File.ReadAllLines(parse.GetValue(list)!, Encoding.UTF8);
            int max = parse.GetValue(maxLength);
            using var current = new CurrentInput(parse.GetValue(state)!, max);
            var store = new CrashStore(parse.GetValue(crashes));
            long limit = parse.GetValue(timeout);
            using var replayer = new CoverageReplayer(fuzzTarget, current, limit > 0 ? TimeSpan.FromMilliseconds(limit) : null,
                () => Environment.Exit(WorkerSupervisor.TimeoutExitCode));
            for (int index = parse.GetValue(from); index < files.Length; index++)
            {
                byte[] input;
                try { input = File.ReadAllBytes(files[index]); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    terminal.Out.WriteLine(ReplayLine.Unreadable(index));
                    continue;
                }
                if (input.Length > max) input = input[..max];
                var outcome = replayer.Run(index, input);
                if (outcome.Crash is { } error)
                {
                    var signature = CrashSignature.Of(error);
                    store.Record(input, signature, $"replayed by a corpus merge from {files[index]}\n\n{error}");
                    terminal.Out.WriteLine(ReplayLine.Crashed(index, signature.Text));
                }
                else terminal.Out.WriteLine(ReplayLine.Covered(index, outcome.Features));
                // Line by line: what the supervisor has read is what it need not replay after a death.
                terminal.Out.Flush();
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}

/// <summary>The replay child's report of one input: <c>N ok F1 F2 ...</c> (its features),
/// <c>N crash SIGNATURE</c> or <c>N unreadable</c>.</summary>
public static class ReplayLine
{
    public static string Covered(int index, IReadOnlyList<int> features)
    {
        var text = new StringBuilder(16 + features.Count * 7);
        text.Append(index.ToString(CultureInfo.InvariantCulture)).Append(" ok");
        foreach (int f in features) text.Append(' ').Append(f.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    public static string Crashed(int index, string signature) => $"{index.ToString(CultureInfo.InvariantCulture)} crash {signature.ReplaceLineEndings(" ")}";

    public static string Unreadable(int index) => $"{index.ToString(CultureInfo.InvariantCulture)} unreadable";

    /// <summary>The input number, what happened (<c>ok</c>, <c>crash</c>, <c>unreadable</c>), the
    /// features when ok and the signature when it crashed; null for any other line.</summary>
    public static (int Index, string Kind, int[] Features, string? Signature)? Parse(string line)
    {
        string[] parts = line.Split(' ');
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)) return null;
        switch (parts[1])
        {
            case "ok":
                var features = new int[parts.Length - 2];
                for (int i = 2; i < parts.Length; i++)
                    if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out features[i - 2])) return null;
                return (index, "ok", features, null);
            case "crash":
                return (index, "crash", [], string.Join(' ', parts.Skip(2)));
            case "unreadable":
                return (index, "unreadable", [], null);
            default:
                return null;
        }
    }
}
