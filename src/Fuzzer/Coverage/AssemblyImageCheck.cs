using System.Reflection.PortableExecutable;

namespace McpFuzz.Fuzzer.Coverage;

/// <summary>
/// Reads the PE and CLI headers of a file before Cecil touches it, so that a file the
/// instrumenter cannot rewrite faithfully is refused with a reason instead of producing a broken
/// assembly: rewriting IL cannot update native code, so a mixed-mode image (native code beside the
/// IL) or a ReadyToRun image (IL plus precompiled code the runtime would prefer) is refused.
/// </summary>
public static class AssemblyImageCheck
{
    /// <summary>Throws <see cref="InstrumentationRefused"/> unless <paramref name="image"/> is an
    /// IL-only .NET assembly without precompiled code.</summary>
    public static void RequireIlOnly(byte[] image, string displayName)
    {
        CorHeader? cor;
        try
        {
            using var pe = new PEReader(new MemoryStream(image, writable: false));
            if (!pe.HasMetadata) throw new InstrumentationRefused($"{displayName}: not a .NET assembly (a PE file without CLI metadata)");
            cor = pe.PEHeaders.CorHeader;
        }
        catch (BadImageFormatException)
        {
            throw new InstrumentationRefused($"{displayName}: not a .NET assembly (not a PE file)");
        }

        if (cor is null) throw new InstrumentationRefused($"{displayName}: not a .NET assembly (no CLI header)");
        // The managed native header marks ReadyToRun code; crossgen2 also clears ILOnly, so this is
        // checked first to name the right cause.
        if (cor.ManagedNativeHeaderDirectory.Size != 0)
            throw new InstrumentationRefused($"{displayName}: ReadyToRun assembly (precompiled native code the runtime would run instead of the probes); build it with PublishReadyToRun=false");
        if ((cor.Flags & CorFlags.ILOnly) == 0)
            throw new InstrumentationRefused($"{displayName}: mixed-mode assembly (native code beside the IL); only IL-only assemblies can be instrumented");
    }
}
