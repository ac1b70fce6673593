using System.Reflection.PortableExecutable;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace McpFuzz.Fuzzer.Coverage;

/// <summary>What <see cref="Instrumenter"/> did to one assembly.</summary>
public sealed record InstrumentationReport(string AssemblyName, int Types, int Methods, int Probes, bool StrongNameDropped);

/// <summary>
/// Rewrites an IL-only assembly with AFL-style edge coverage: at every probe site a probe does
/// <c>Trace.Map[id ^ Trace.Prev]++; Trace.Prev = id &gt;&gt; 1</c> (see <see cref="CoverageMap"/>).
/// Probe sites per method: the first instruction, every branch target (leave included), the
/// instruction after a conditional branch or switch (its fall-through), every switch target, and
/// every handler and filter start; so every edge of the control-flow graph ends at a probe.
/// The output is a function of the input bytes and the include list alone: ids come from
/// <see cref="ProbeIds"/>, and the MVID is derived from the written content.
/// </summary>
public static class Instrumenter
{
    /// <summary>Instruments the file at <paramref name="inputPath"/> and writes the result to
    /// <paramref name="outputPath"/> (which may be the same path) atomically: a reader sees the old
    /// file or the whole new one, never a torn one. Nothing is written when the input is refused.</summary>
    public static InstrumentationReport InstrumentFile(string inputPath, string outputPath, IReadOnlyList<string> include)
    {
        byte[] input = File.ReadAllBytes(inputPath);
        (byte[] output, InstrumentationReport report) = Instrument(input, Path.GetFileName(inputPath), include);
        string full = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temp, output);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }

        return report;
    }

    /// <summary>Instruments the types whose full name (of the outermost declaring type, for nested
    /// ones) starts with one of <paramref name="include"/>, or every type when it is empty.</summary>
    public static (byte[] Image, InstrumentationReport Report) Instrument(byte[] image, string displayName, IReadOnlyList<string> include)
    {
        AssemblyImageCheck.RequireIlOnly(image, displayName);

        using var module = ModuleDefinition.ReadModule(new MemoryStream(image, writable: false), new ReaderParameters { ReadSymbols = false, InMemory = true });
        if (module.Assembly is null) throw new InstrumentationRefused($"{displayName}: a module without an assembly manifest; instrument the assembly that contains it");
        if (module.GetType(CoverageMap.TraceTypeName) is not null)
            throw new InstrumentationRefused($"{displayName}: already instrumented (it contains {CoverageMap.TraceTypeName}); instrument the original build output");

        // .NET does not check strong-name signatures, and the rewritten image no longer matches its
        // signature; clear the flag rather than ship a signature that lies. The public key stays, so
        // the assembly's identity (and the references to it) are unchanged.
        bool strongNameDropped = (module.Attributes & ModuleAttributes.StrongNameSigned) != 0;
        module.Attributes &= ~ModuleAttributes.StrongNameSigned;

        var candidates = module.GetTypes().Where(t => Included(t, include)).ToList();
        var trace = TraceTypeBuilder.Add(module);
        var ids = new ProbeIds(module.Assembly.Name.Name);

        int types = 0, methods = 0, probes = 0;
        foreach (var type in candidates)
        {
            int before = methods;
            foreach (var method in type.Methods)
            {
                if (!method.HasBody || method.Body.Instructions.Count == 0) continue;
                probes += InstrumentMethod(method.Body, trace, ids);
                methods++;
            }

            if (methods > before) types++;
        }

        // The MVID is derived from the written content; the PE timestamp is the input's (a content
        // hash itself in deterministic builds), never the clock, so the output is reproducible.
        var output = new MemoryStream();
        module.Write(output, new WriterParameters { DeterministicMvid = true, Timestamp = PeTimestamp(image) });
        return (output.ToArray(), new InstrumentationReport(module.Assembly.Name.Name, types, methods, probes, strongNameDropped));
    }

    private static uint PeTimestamp(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image, writable: false));
        return unchecked((uint)pe.PEHeaders.CoffHeader.TimeDateStamp);
    }

    private static bool Included(TypeDefinition type, IReadOnlyList<string> include)
    {
        if (include.Count == 0) return true;
        var outer = type;
        while (outer.DeclaringType is not null) outer = outer.DeclaringType;
        string name = outer.FullName;
        return include.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }

    private static int InstrumentMethod(MethodBody body, TraceTypeBuilder.Trace trace, ProbeIds ids)
    {
        // Long forms first, so inserting probes cannot push a short branch out of its range.
        body.SimplifyMacros();
        var sites = ProbeSites(body);
        foreach (var site in body.Instructions.Where(sites.Contains).ToList())
            InsertProbe(body, site, ids.Next(), trace);

        body.OptimizeMacros();
        return sites.Count;
    }

    /// <summary>The instructions that start a basic block someone can reach by a jump, a fall-through
    /// from a conditional branch, or an exception, plus the method's first instruction.</summary>
    private static HashSet<Instruction> ProbeSites(MethodBody body)
    {
        var sites = new HashSet<Instruction> { body.Instructions[0] };
        foreach (var instruction in body.Instructions)
        {
            switch (instruction.Operand)
            {
                case Instruction target:
                    sites.Add(target);
                    break;
                case Instruction[] targets:
                    sites.UnionWith(targets);
                    break;
            }

            if (instruction.OpCode.FlowControl == FlowControl.Cond_Branch && instruction.Next is not null)
                sites.Add(instruction.Next);
        }

        foreach (var handler in body.ExceptionHandlers)
        {
            sites.Add(handler.HandlerStart);
            if (handler.FilterStart is not null) sites.Add(handler.FilterStart);
        }

        // Nothing may come between a prefix and its instruction, nor between `tail. call` and its ret.
        sites.RemoveWhere(s => s.Previous is { } p && (p.OpCode.OpCodeType == OpCodeType.Prefix
            || (s.OpCode.Code == Code.Ret && p.Previous?.OpCode.Code == Code.Tail)));
        return sites;
    }

    /// <summary>Turns <paramref name="site"/> itself into the probe's first instruction and puts the
    /// rest of the probe and a copy of the original instruction after it: every branch, switch and
    /// exception-handler boundary that pointed at the site now lands on the probe, with no
    /// re-targeting. The probe leaves the evaluation stack as it found it (a handler's exception
    /// object stays on top).</summary>
    private static void InsertProbe(MethodBody body, Instruction site, int id, TraceTypeBuilder.Trace trace)
    {
        var original = Instruction.Create(OpCodes.Nop);
        original.OpCode = site.OpCode;
        original.Operand = site.Operand;
        site.OpCode = OpCodes.Ldsfld;
        site.Operand = trace.Map;

        Instruction[] rest =
        [
            Instruction.Create(OpCodes.Ldc_I4, id),
            Instruction.Create(OpCodes.Ldsfld, trace.Prev),
            Instruction.Create(OpCodes.Xor),
            Instruction.Create(OpCodes.Conv_U),
            Instruction.Create(OpCodes.Add),
            Instruction.Create(OpCodes.Dup),
            Instruction.Create(OpCodes.Ldind_U1),
            Instruction.Create(OpCodes.Ldc_I4_1),
            Instruction.Create(OpCodes.Add),
            Instruction.Create(OpCodes.Stind_I1),
            Instruction.Create(OpCodes.Ldc_I4, id >> 1),
            Instruction.Create(OpCodes.Stsfld, trace.Prev),
            original,
        ];
        int index = body.Instructions.IndexOf(site);
        for (int i = 0; i < rest.Length; i++) body.Instructions.Insert(index + 1 + i, rest[i]);
    }
}
