using System.Text;
using McpFuzz.Fuzzer.Engines;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>An input a replay could not measure: it raised an exception, killed the child
/// (stack overflow, timeout) or could not be read.</summary>
public sealed record SkippedInput(string File, string Why);

/// <summary>What a replay measured: per input its features, or null when it was skipped;
/// <see cref="Finished"/> false when the deadline or a cancellation stopped it first.</summary>
public sealed record ReplayResult(int[]?[] Features, IReadOnlyList<SkippedInput> Skipped, bool Finished, bool CrashFound);

/// <summary>
/// Replays a list of input files through the instrumented target in a supervised child
/// (<c>mcpfuzz fuzz-replay</c>, on the harness <see cref="HarnessChoice"/> picked), so an input
/// that kills the process — a stack overflow, a hang past the timeout — is saved as a crash and
/// skipped, and the child restarts after it, as <see cref="WorkerSupervisor"/> does for campaigns.
/// </summary>
public static class CorpusReplay
{
    public static async Task<ReplayResult> RunAsync(string targetName, Harness harness, IReadOnlyList<string> files, string crashDirectory,
        int maxLength, TimeSpan timeout, TimeSpan? deadline, Action<string> log, CancellationToken cancel)
    {
        var features = new int[]?[files.Count];
        var skipped = new List<SkippedInput>();
        bool crashFound = false;
        Directory.CreateDirectory(crashDirectory);
        string list = Path.Combine(crashDirectory, $".merge-{Environment.ProcessId}.list");
        string state = Path.Combine(crashDirectory, $".merge-{Environment.ProcessId}.state");
        await File.WriteAllLinesAsync(list, files, new UTF8Encoding(false), cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (deadline is { } d) stop.CancelAfter(d > TimeSpan.Zero ? d : TimeSpan.Zero);
        try
        {
            int from = 0;
            while (from < files.Count && !stop.IsCancellationRequested)
            {
                File.Delete(state);
                var (exitCode, stderr) = await HarnessProcess.RunAsync(harness.Program, Arguments(targetName, harness, list, from, state, crashDirectory, maxLength, timeout), line =>
                {
                    if (Cli.ReplayLine.Parse(line) is not var (index, kind, found, signature) || index < 0 || index >= files.Count) return;
                    if (kind == "ok") features[index] = found;
                    else
                    {
                        crashFound |= kind == "crash";
                        lock (skipped) skipped.Add(new SkippedInput(files[index], kind == "crash" ? "crash: " + signature : "unreadable"));
                    }
                }, stop.Token);
                if (stop.IsCancellationRequested) break;
                if (exitCode == 0) break;
                if (exitCode is Cli.ExitCodes.Usage or Cli.ExitCodes.InternalError)
                    throw new InvalidOperationException($"merge replay failed (exit code {exitCode}): {HarnessProcess.Tail(stderr, 2000).Trim()}");

                var last = CurrentInput.Read(state)
                    ?? throw new InvalidOperationException($"merge replay died (exit code {exitCode}) before running an input: {HarnessProcess.Tail(stderr, 400)}");
                int killer = (int)last.Executions;
                string cause = HarnessProcess.CauseOfDeath(exitCode, stderr, timeout);
                var store = new CrashStore(crashDirectory);
                string? file = store.Record(last.Input, CrashSignature.OfDeath(cause, stderr),
                    $"{cause}, replayed by a corpus merge from {files[killer]}; the child's standard error ended with:\n{HarnessProcess.Tail(stderr, 8000)}");
                crashFound = true;
                skipped.Add(new SkippedInput(files[killer], cause));
                log($"merge: {cause} on {files[killer]} ({(file is null ? "signature known" : "saved as " + Path.GetFileName(file))}); skipped, replay goes on after it");
                from = killer + 1;
            }
        }
        finally
        {
            File.Delete(list);
            File.Delete(state);
        }
        bool finished = !stop.IsCancellationRequested;
        return new ReplayResult(features, skipped, finished, crashFound);
    }

    private static IEnumerable<string> Arguments(string target, Harness harness, string list, int from, string state, string crashes, int maxLength, TimeSpan timeout)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        yield return "fuzz-replay";
        yield return target;
        if (harness.TargetsAssembly is { } targets) { yield return "--targets"; yield return targets; }
        yield return "--list"; yield return list;
        yield return "--from"; yield return from.ToString(c);
        yield return "--state"; yield return state;
        yield return "--crashes"; yield return crashes;
        yield return "--max-len"; yield return maxLength.ToString(c);
        yield return "--timeout-ms"; yield return ((long)timeout.TotalMilliseconds).ToString(c);
    }
}
