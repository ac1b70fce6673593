using System.CommandLine;
using McpFuzz.Fuzzer.Coverage;

namespace McpFuzz.Driver.Cli;

/// <summary>
/// <c>mcpfuzz instrument ASSEMBLY</c>: adds AFL-style edge coverage to an IL-only assembly for the
/// fuzzing engines. By default the assembly is replaced in place (the runtime loads an assembly by
/// its file name, so that is where an instrumented copy is useful), after the original is kept
/// beside it as <c>NAME.dll.orig</c>; <c>--output</c> writes elsewhere and leaves the input alone.
/// </summary>
public static class InstrumentCommand
{
    public const string BackupSuffix = ".orig";

    public static Command Create(Terminal terminal)
    {
        var assembly = new Argument<FileInfo>("ASSEMBLY") { Description = "The IL-only .NET assembly (.dll) to instrument." };
        var include = new Option<string[]>("--include")
        {
            Description = "Instrument only types whose full name (namespace.Type) starts with one of these prefixes; default: every type.",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo?>("--output", "-o") { Description = $"Write the instrumented assembly here; default: replace ASSEMBLY, keeping the original as ASSEMBLY{BackupSuffix}." };
        var command = new Command("instrument", "Add edge-coverage probes to an IL-only assembly, for coverage-guided fuzzing (mcpfuzz fuzz, AFL++, libFuzzer).")
        {
            assembly, include, output,
        };
        command.SetAction(parse =>
        {
            FileInfo input = parse.GetValue(assembly)!;
            if (!input.Exists) throw new UsageException($"{input.FullName}: no such file");
            string[] prefixes = parse.GetValue(include) ?? [];
            string target = parse.GetValue(output)?.FullName ?? input.FullName;
            try
            {
                InstrumentationReport report;
                if (target == input.FullName)
                {
                    // Instrument first (it may refuse), then keep the original, then replace atomically.
                    string backup = input.FullName + BackupSuffix;
                    (byte[] image, report) = Instrumenter.Instrument(File.ReadAllBytes(input.FullName), input.Name, prefixes);
                    // The input was just found uninstrumented, so it is the build output to keep,
                    // even over a backup left by an earlier build.
                    File.Copy(input.FullName, backup, overwrite: true);
                    string temp = $"{input.FullName}.{Environment.ProcessId}.tmp";
                    try
                    {
                        File.WriteAllBytes(temp, image);
                        File.Move(temp, input.FullName, overwrite: true);
                    }
                    finally
                    {
                        if (File.Exists(temp)) File.Delete(temp);
                    }

                    terminal.Out.WriteLine($"original kept as {backup}");
                }
                else
                {
                    report = Instrumenter.InstrumentFile(input.FullName, target, prefixes);
                }

                string scope = prefixes.Length == 0 ? "all types" : "types under " + string.Join(", ", prefixes);
                terminal.Out.WriteLine($"{report.AssemblyName}: {report.Probes} probes in {report.Methods} methods of {report.Types} types ({scope}) -> {target}");
                if (report.StrongNameDropped)
                    terminal.Out.WriteLine("note: the strong-name signature was dropped (.NET does not check it; the public key and identity are unchanged)");
                if (report.Probes == 0)
                    terminal.Error.WriteLine("mcpfuzz: warning: no method matched; check --include");
            }
            catch (InstrumentationRefused e)
            {
                throw new UsageException(e.Message);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
