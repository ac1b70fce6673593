namespace McpFuzz.Fuzzer.Sequences;

/// <summary>
/// Smaller sequences to try in place of a failing one, most reduction first: drop runs of steps
/// (halves, then single steps), then drop each fault, then simplify what is left of a step
/// (concurrency to one request, no abort, the model server's first choice, the first event id,
/// the first malformed body). Every candidate is a well-formed sequence of the same revision;
/// whether it still fails is the runner's to find out. Used by FsCheck and by the live shrinker.
/// </summary>
public static class SequenceShrinker
{
    public static IEnumerable<ActionSequence> Candidates(ActionSequence sequence)
    {
        var steps = sequence.Steps;
        for (int size = steps.Count / 2; size >= 1; size /= 2)
        {
            for (int start = steps.Count - size; start >= 0; start -= size)
            {
                if (size == steps.Count) continue;
                yield return sequence.With([.. steps.Take(start), .. steps.Skip(start + size)]);
            }
        }

        for (int i = 0; i < steps.Count; i++)
        {
            foreach (var simpler in Simpler(steps[i])) yield return sequence.With([.. steps.Take(i), simpler, .. steps.Skip(i + 1)]);
        }
    }

    /// <summary>Each one-notch simplification of a step.</summary>
    public static IEnumerable<SequenceStep> Simpler(SequenceStep step)
    {
        foreach (StepFaults fault in Enum.GetValues<StepFaults>())
        {
            if (fault != StepFaults.None && step.Has(fault)) yield return step with { Faults = step.Faults & ~fault, Corpus = fault == StepFaults.MalformedBody ? (byte)0 : step.Corpus };
        }

        if (step.Kind == StepKind.Concurrent) yield return step with { Kind = StepKind.Request, Count = 1 };
        if (step.Count > 2) yield return step with { Count = (byte)(step.Count - 1) };
        if (step.AbortAt >= 0) yield return step with { AbortAt = -1 };
        if (step.Choice != 0) yield return step with { Choice = 0 };
        if (step.Pick != 0) yield return step with { Pick = 0 };
        if (step.Corpus != 0) yield return step with { Corpus = 0 };
    }

    /// <summary>Greedy shrinking: take the first candidate that still fails, until none does, or
    /// <paramref name="maxAttempts"/> candidates were tried. <paramref name="fails"/> may run a live
    /// server; it is called once per candidate.</summary>
    public static ActionSequence Minimize(ActionSequence failing, Func<ActionSequence, bool> fails, int maxAttempts = 500)
    {
        var current = failing;
        int attempts = 0;
        bool progress = true;
        while (progress && attempts < maxAttempts)
        {
            progress = false;
            foreach (var candidate in Candidates(current))
            {
                if (++attempts > maxAttempts) break;
                if (!fails(candidate)) continue;
                current = candidate;
                progress = true;
                break;
            }
        }

        return current;
    }

    /// <summary><see cref="Minimize"/> for an asynchronous check (a live server).</summary>
    public static async Task<(ActionSequence Minimal, int Attempts)> MinimizeAsync(ActionSequence failing, Func<ActionSequence, Task<bool>> fails, int maxAttempts = 300)
    {
        var current = failing;
        int attempts = 0;
        bool progress = true;
        while (progress && attempts < maxAttempts)
        {
            progress = false;
            foreach (var candidate in Candidates(current))
            {
                if (++attempts > maxAttempts) break;
                if (!await fails(candidate).ConfigureAwait(false)) continue;
                current = candidate;
                progress = true;
                break;
            }
        }

        return (current, attempts);
    }
}
