using System.CommandLine;
using McpFuzz.Driver.CoverageFuzz;
using McpFuzz.Fuzzer.Engines.Bridges;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz fuzz-harness TARGET --protocol afl|libfuzzer</c>: the process afl-fuzz or
/// our libFuzzer bridge starts; it serves inputs over the bridge's pipes and shared memory until
/// the engine closes them. Hidden: people run <c>mcpfuzz fuzz --engine ...</c>, which starts it.</summary>
public static class FuzzHarnessCommand
{
    public static Command Create(Terminal terminal)
    {
        var target = new Argument<string>("TARGET") { Description = "The target's name (mcpfuzz fuzz --list)." };
        var protocol = Options.Choice("--protocol", "-p", ["afl", "libfuzzer"], null, "The engine on the other end of fds 198/199.");
        var assembly = new Option<string?>("--target-assembly")
        {
            Description = "Find TARGET among the public IFuzzTarget types of this assembly instead of the built-in targets.",
        };
        var command = new Command("fuzz-harness", "Serve a fuzz target to AFL++ or the libFuzzer bridge.") { target, protocol, assembly };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            string name = parse.GetValue(target)!;
            var found = TargetCatalog.Open(parse.GetValue(assembly)).Find(name);
            // Standard error, not out: AFL++ and libFuzzer read nothing from our stdout, and a
            // crash's stack trace belongs next to the engine's own report.
            return parse.GetValue(protocol) == "afl"
                ? AflForkServerHarness.Serve(found, terminal.Error)
                : LibFuzzerBridgeHarness.Serve(found, terminal.Error);
        });
        return command;
    }
}
