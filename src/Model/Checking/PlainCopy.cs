using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace McpFuzz.Model.Checking;

/// <summary>Copies a value of plain memory in 32-byte blocks. A world is a few hundred bytes,
/// past the size the JIT copies inline, and it is copied for every transition; a call to the
/// runtime's general memory copy costs more than the copy itself.</summary>
public static class PlainCopy
{
    /// <summary><c>destination = source</c>; the two must not overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy<T>(in T source, out T destination)
        where T : struct
    {
        int size = Unsafe.SizeOf<T>();
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>() || size < 32 || !Vector256.IsHardwareAccelerated)
        {
            destination = source;
            return;
        }

        Unsafe.SkipInit(out destination);
        ref byte from = ref Unsafe.As<T, byte>(ref Unsafe.AsRef(in source));
        ref byte to = ref Unsafe.As<T, byte>(ref destination);
        nuint last = (nuint)(size - 32);
        for (nuint i = 0; i < last; i += 32) Vector256.LoadUnsafe(ref from, i).StoreUnsafe(ref to, i);

        // The last block ends at the end of the value, overlapping the one before it.
        Vector256.LoadUnsafe(ref from, last).StoreUnsafe(ref to, last);
    }
}
