using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace McpFuzz.Model.Wire.Sse;

/// <summary>
/// Finds line terminators (CR or LF) in one input span, 64 bytes at a time: each block is loaded
/// once into SIMD registers and turned into two bit masks, terminators and bytes of 0x80 or more.
/// Finding the next line end is then a trailing-zero count, so short lines cost no search call, and
/// the same pass tells whether a line holds any non-ASCII byte, so ASCII lines (most JSON) never
/// need UTF-8 validation. Lines longer than a block fall back to the framework's search.
/// </summary>
internal ref struct LineScanner
{
    private const int Block = 64;
    private const int LookAhead = 3;

    private readonly ReadOnlySpan<byte> _input;
    private int _blockStart;
    private ulong _eol;
    private ulong _high;

    public LineScanner(ReadOnlySpan<byte> input)
    {
        _input = input;
        _blockStart = -2 * Block; // so that the first call loads a block
    }

    /// <summary>The index of the first CR or LF at or after <paramref name="from"/>, or -1.
    /// <paramref name="nonAscii"/> is false only when every byte in between (up to the end of input
    /// when there is no terminator) is known to be ASCII; true means "validate before use".</summary>
    public int Next(int from, out bool nonAscii)
    {
        nonAscii = false;
        if (from >= _input.Length) return -1;
        if ((uint)(from - _blockStart) >= Block)
        {
            if (_input.Length - from < Block) return Search(from, ref nonAscii);
            Load(from);
        }

        ulong fromHere = ulong.MaxValue << (from - _blockStart);
        ulong eol = _eol & fromHere;
        if (eol != 0) return Found(eol, fromHere, ref nonAscii);
        nonAscii = (_high & fromHere) != 0;

        // Most lines that cross a block boundary end within a few blocks; beyond that, search.
        for (int blocks = 0; blocks < LookAhead; blocks++)
        {
            int next = _blockStart + Block;
            if (_input.Length - next < Block) return Search(next, ref nonAscii);
            Load(next);
            if (_eol != 0) return Found(_eol, ulong.MaxValue, ref nonAscii);
            nonAscii |= _high != 0;
        }

        return Search(_blockStart + Block, ref nonAscii);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Found(ulong eol, ulong fromHere, ref bool nonAscii)
    {
        int at = BitOperations.TrailingZeroCount(eol);
        nonAscii |= (_high & fromHere & ((1UL << at) - 1)) != 0;
        return _blockStart + at;
    }

    /// <summary>Long lines and the short tail of the input: the framework's vectorized search. What
    /// it passes over is not classified, so the line is reported as possibly non-ASCII; validating
    /// it later costs no more than classifying it here, and is skipped when the line is not used.</summary>
    private int Search(int from, ref bool nonAscii)
    {
        _blockStart = -2 * Block; // the next call loads afresh
        nonAscii = true;
        int found = _input.Slice(from).IndexOfAny((byte)'\r', (byte)'\n');
        return found < 0 ? -1 : from + found;
    }

    private void Load(int start)
    {
        _blockStart = start;
        Scan(ref MemoryMarshal.GetReference(_input.Slice(start)), out _eol, out _high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scan(ref byte start, out ulong eol, out ulong high)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> a = Vector256.LoadUnsafe(ref start);
            Vector256<byte> b = Vector256.LoadUnsafe(ref start, 32);
            eol = Terminators(a).ExtractMostSignificantBits() | ((ulong)Terminators(b).ExtractMostSignificantBits() << 32);
            high = a.ExtractMostSignificantBits() | ((ulong)b.ExtractMostSignificantBits() << 32);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            eol = 0;
            high = 0;
            for (int i = 0; i < 4; i++)
            {
                Vector128<byte> v = Vector128.LoadUnsafe(ref start, (nuint)(i * 16));
                eol |= (ulong)Terminators(v).ExtractMostSignificantBits() << (i * 16);
                high |= (ulong)v.ExtractMostSignificantBits() << (i * 16);
            }
        }
        else
        {
            eol = 0;
            high = 0;
            for (int i = 0; i < Block; i++)
            {
                byte value = Unsafe.Add(ref start, i);
                if (value is (byte)'\r' or (byte)'\n') eol |= 1UL << i;
                if (value >= 0x80) high |= 1UL << i;
            }
        }
    }

    private static Vector256<byte> Terminators(Vector256<byte> v) =>
        Vector256.Equals(v, Vector256.Create((byte)'\r')) | Vector256.Equals(v, Vector256.Create((byte)'\n'));

    private static Vector128<byte> Terminators(Vector128<byte> v) =>
        Vector128.Equals(v, Vector128.Create((byte)'\r')) | Vector128.Equals(v, Vector128.Create((byte)'\n'));
}
