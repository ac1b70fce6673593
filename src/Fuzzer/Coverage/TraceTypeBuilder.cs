using Mono.Cecil;
using Mono.Cecil.Cil;

namespace McpFuzz.Fuzzer.Coverage;

/// <summary>
/// Adds the trace type of <see cref="CoverageMap"/> to a module: <c>public static class
/// McpFuzz.Coverage.Trace { public static nint Map; public static int Prev; }</c> whose static
/// constructor points <c>Map</c> at a zeroed 64 KiB block of native memory of its own, so probes
/// that run before an engine attaches (or with no engine at all) write somewhere harmless.
/// </summary>
public static class TraceTypeBuilder
{
    private static readonly byte[] MicrosoftPublicKeyToken = [0xb0, 0x3f, 0x5f, 0x7f, 0x11, 0xd5, 0x0a, 0x3a];

    public sealed record Trace(TypeDefinition Type, FieldDefinition Map, FieldDefinition Prev);

    public static Trace Add(ModuleDefinition module)
    {
        string ns = CoverageMap.TraceTypeName[..CoverageMap.TraceTypeName.LastIndexOf('.')];
        string name = CoverageMap.TraceTypeName[(CoverageMap.TraceTypeName.LastIndexOf('.') + 1)..];
        var type = new TypeDefinition(ns, name,
            TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class | TypeAttributes.BeforeFieldInit,
            module.TypeSystem.Object);
        var map = new FieldDefinition(CoverageMap.MapFieldName, FieldAttributes.Public | FieldAttributes.Static, module.TypeSystem.IntPtr);
        var prev = new FieldDefinition(CoverageMap.PrevFieldName, FieldAttributes.Public | FieldAttributes.Static, module.TypeSystem.Int32);
        type.Fields.Add(map);
        type.Fields.Add(prev);

        var cctor = new MethodDefinition(".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            module.TypeSystem.Void);
        var il = cctor.Body.GetILProcessor();
        il.Emit(OpCodes.Ldc_I4, CoverageMap.Size);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Call, AllocZeroed(module));
        il.Emit(OpCodes.Stsfld, map);
        il.Emit(OpCodes.Ret);
        type.Methods.Add(cctor);

        module.Types.Add(type);
        return new Trace(type, map, prev);
    }

    /// <summary><c>void* NativeMemory.AllocZeroed(nuint)</c>, referenced through the facade the
    /// reference assemblies define it in (System.Runtime.InteropServices), whatever the module
    /// referenced before; the runtime forwards it to CoreLib. Built by hand rather than imported
    /// from the running process so the output does not depend on the instrumenting runtime.</summary>
    private static MethodReference AllocZeroed(ModuleDefinition module)
    {
        var scope = module.AssemblyReferences.FirstOrDefault(r => r.Name == "System.Runtime.InteropServices");
        if (scope is null)
        {
            Version version = module.AssemblyReferences.FirstOrDefault(r => r.Name == "System.Runtime")?.Version ?? new Version(6, 0, 0, 0);
            scope = new AssemblyNameReference("System.Runtime.InteropServices", version) { PublicKeyToken = MicrosoftPublicKeyToken };
            module.AssemblyReferences.Add(scope);
        }

        var nativeMemory = new TypeReference("System.Runtime.InteropServices", "NativeMemory", module, scope);
        var method = new MethodReference("AllocZeroed", new PointerType(module.TypeSystem.Void), nativeMemory) { HasThis = false };
        method.Parameters.Add(new ParameterDefinition(module.TypeSystem.UIntPtr));
        return method;
    }
}
