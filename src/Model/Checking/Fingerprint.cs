using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace McpFuzz.Model.Checking;

/// <summary>A 64-bit hash of plain memory, for fingerprints of states and keys of the step caches.</summary>
/// <remarks>
/// Four independent lanes take 32 bytes per round, so their multiplications overlap instead of
/// waiting for each other as a single running hash would (the round is xxHash64's). A length that
/// is not a multiple of 32 ends with one more round over the last 32 bytes, overlapping the
/// previous one, instead of a slow byte-by-byte tail: the inputs are fixed-size values, and the
/// length is mixed in as well. The lanes are then summed and mixed until every input bit affects
/// every output bit. Only the bytes count: equal memory, equal fingerprint, on every machine.
/// </remarks>
public static class Fingerprint
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const ulong MixA = 0xBF58476D1CE4E5B9UL;
    private const ulong MixB = 0x94D049BB133111EBUL;
    private const ulong MixC = 0xFF51AFD7ED558CCDUL;
    private const ulong MixD = 0xC4CEB9FE1A85EC53UL;

    /// <summary>The fingerprint of a value's bytes; the value must hold no references.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of<T>(in T value)
        where T : struct =>
        Of(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    public static ulong Of(ReadOnlySpan<byte> data)
    {
        ref byte start = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        ulong a = unchecked(Golden + MixA), b = MixA, c = (ulong)length, d = unchecked(0UL - Golden);
        if (length >= 32)
        {
            int last = length - 32;
            for (int i = 0; i < last; i += 32)
            {
                a = Round(a, Read(ref start, i));
                b = Round(b, Read(ref start, i + 8));
                c = Round(c, Read(ref start, i + 16));
                d = Round(d, Read(ref start, i + 24));
            }

            a = Round(a, Read(ref start, last));
            b = Round(b, Read(ref start, last + 8));
            c = Round(c, Read(ref start, last + 16));
            d = Round(d, Read(ref start, last + 24));
        }
        else if (length >= 8)
        {
            // Words at 0, 8 and 16 as far as they fit, and the last 8 bytes (overlapping).
            a = Round(a, Read(ref start, 0));
            if (length >= 16) b = Round(b, Read(ref start, 8));
            if (length >= 24) c = Round(c, Read(ref start, 16));
            d = Round(d, Read(ref start, length - 8));
        }
        else
        {
            ulong word = 0;
            for (int i = 0; i < length; i++) word |= (ulong)Unsafe.Add(ref start, i) << (8 * i);
            a = Round(a, word);
        }

        ulong hash = BitOperations.RotateLeft(a, 1) + BitOperations.RotateLeft(b, 7) + BitOperations.RotateLeft(c, 12) + BitOperations.RotateLeft(d, 18);
        hash ^= hash >> 33;
        hash *= MixC;
        hash ^= hash >> 29;
        hash *= MixD;
        hash ^= hash >> 32;
        hash *= MixB;
        return hash ^ (hash >> 29);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read(ref byte start, int offset) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong lane, ulong input) => BitOperations.RotateLeft(lane + input * MixA, 31) * Golden;
}
