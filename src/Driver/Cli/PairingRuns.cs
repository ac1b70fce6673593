using System.Diagnostics;
using System.Runtime.ExceptionServices;
using McpFuzz.Model.Checking;

namespace McpFuzz.Driver.Cli;

/// <summary>One pairing explored: the exploration, its counterexample rendered as steps, and the
/// time it took (wall clock, and the processor time of the thread that explored it, when the
/// platform reports it).</summary>
internal sealed record PairingRun(Pairing Pairing, Exploration<WorldAction> Exploration, IReadOnlyList<string> Steps, TimeSpan Elapsed, TimeSpan? Cpu)
{
    public bool Works => Exploration.Violation is null && Exploration.Unreached.Count == 0;
}

/// <summary>Explores pairings on several threads. Each pairing is explored by one thread from
/// start to end, so its result is exactly what a lone run gives; results come back in the order
/// of the pairings, whatever order they finish in.</summary>
internal static class PairingRuns
{
    public static PairingRun[] Explore(IReadOnlyList<Pairing> pairings, ExplorationBounds bounds, int threads, Action<int>? finished = null)
    {
        var results = new PairingRun[pairings.Count];
        int nextIndex = -1;
        int done = 0;
        ExceptionDispatchInfo? failure = null;
        var progress = new object();

        void Work()
        {
            try
            {
                for (int i = Interlocked.Increment(ref nextIndex); i < pairings.Count && Volatile.Read(ref failure) is null; i = Interlocked.Increment(ref nextIndex))
                {
                    results[i] = ExploreOne(pairings[i], bounds);
                    lock (progress) finished?.Invoke(++done);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }

        var helpers = Enumerable.Range(0, Math.Clamp(threads, 1, Math.Max(1, pairings.Count)) - 1)
            .Select(_ => new Thread(Work) { IsBackground = true, Name = "mcpfuzz check" })
            .ToList();
        helpers.ForEach(t => t.Start());
        Work();
        helpers.ForEach(t => t.Join());
        failure?.Throw();
        return results;
    }

    private static PairingRun ExploreOne(Pairing pairing, ExplorationBounds bounds)
    {
        var model = new McpWorld(pairing);
        var cpuBefore = ThreadCpuClock.Now();
        var watch = Stopwatch.StartNew();
        var exploration = Explorer.Run(model, bounds);
        watch.Stop();
        var cpuAfter = ThreadCpuClock.Now();
        var steps = exploration.Violation is null ? [] : model.Describe(exploration.Path);
        return new PairingRun(pairing, exploration, steps, watch.Elapsed, cpuAfter - cpuBefore);
    }
}
