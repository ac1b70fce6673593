namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>
/// One campaign of an external engine (AFL++ or libFuzzer) on one target.
/// </summary>
/// <param name="Target">The target's name, as <c>mcpfuzz fuzz-harness</c> takes it.</param>
/// <param name="HarnessProgram">The path of <c>mcpfuzz.dll</c> (run with <c>dotnet</c>); for
/// instrumented coverage, the copy in the instrumented harness directory.</param>
/// <param name="OutputDirectory">Where the engine keeps its state: AFL++'s <c>-o</c> (the sync
/// directory all jobs share) or libFuzzer's new corpus and <c>crashes/</c>.</param>
/// <param name="SeedDirectory">Seed inputs (files directly inside); null or empty starts from one
/// newline.</param>
/// <param name="Dictionary">An AFL/libFuzzer dictionary file (<c>corpus/dict/*.dict</c>).</param>
/// <param name="Time">Stop after this long (whole seconds).</param>
/// <param name="Runs">Stop after this many executions (per job).</param>
/// <param name="Seed">The engine's random seed, for repeatable campaigns.</param>
/// <param name="Jobs">Engine processes on this machine: AFL++ runs one <c>-M</c> and Jobs-1 <c>-S</c>
/// sharing <paramref name="OutputDirectory"/>; libFuzzer runs in <c>-fork=Jobs</c> mode.</param>
/// <param name="StopOnFirstCrash">End the campaign at the first crash (tests; bisecting).</param>
/// <param name="TargetAssembly">Find the target in this assembly instead of the built-in ones.</param>
/// <param name="Timeout">How long one input may run before the engine files it as a hang: AFL++'s
/// <c>-t</c> (null: 5 s), libFuzzer's <c>-timeout</c> in whole seconds (null: 10 s).</param>
public sealed record BridgeRunOptions(
    string Target,
    string HarnessProgram,
    string OutputDirectory,
    string? SeedDirectory = null,
    string? Dictionary = null,
    TimeSpan? Time = null,
    long? Runs = null,
    int Seed = 1,
    int Jobs = 1,
    bool StopOnFirstCrash = false,
    string? TargetAssembly = null,
    TimeSpan? Timeout = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot work.</summary>
    public void Validate()
    {
        if (Time is null && Runs is null) throw new ArgumentException("a campaign needs a time or a run budget");
        if (Time is { } t && t < TimeSpan.FromSeconds(1)) throw new ArgumentException("the time budget is at least one second");
        if (Runs is <= 0) throw new ArgumentException("the run budget must be positive");
        if (Jobs < 1) throw new ArgumentException("jobs must be at least 1");
        if (!File.Exists(HarnessProgram)) throw new ArgumentException($"harness program '{HarnessProgram}' does not exist");
        if (Dictionary is not null && !File.Exists(Dictionary)) throw new ArgumentException($"dictionary '{Dictionary}' does not exist");
        if (Timeout is { } limit && limit < TimeSpan.FromMilliseconds(1)) throw new ArgumentException("the timeout is at least one millisecond");
        if (TargetAssembly is not null && !File.Exists(TargetAssembly)) throw new ArgumentException($"target assembly '{TargetAssembly}' does not exist");
    }

    /// <summary>The harness command's arguments after the dotnet host.</summary>
    internal IReadOnlyList<string> HarnessArguments(string protocol)
    {
        var args = new List<string> { Path.GetFullPath(HarnessProgram), "fuzz-harness", Target, "--protocol", protocol };
        if (TargetAssembly is not null) args.AddRange(["--target-assembly", Path.GetFullPath(TargetAssembly)]);
        return args;
    }
}
