using System.Buffers.Binary;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// Havoc-style mutation, as AFL and libFuzzer do it: a stack of one to sixteen random edits of
/// the kinds below, applied to a copy of a corpus entry in a buffer of the campaign's maximum
/// length.
/// </summary>
public sealed class Mutator(Prng random, FuzzDictionary dictionary, int maxLength, Func<byte[], int, IReadOnlyList<int>>? boundaries = null)
{
    private static readonly sbyte[] Interesting8 = [-128, -1, 0, 1, 16, 32, 64, 100, 127];
    private static readonly short[] Interesting16 = [-32768, -129, 128, 255, 256, 512, 1000, 1024, 4096, 32767];
    private static readonly int[] Interesting32 = [int.MinValue, -100663046, -32769, 32768, 65535, 65536, 100663045, int.MaxValue];

    // Bytes that end or split tokens in the text formats we fuzz.
    private static readonly byte[] Separators = "\r\n:{}[],\" \0"u8.ToArray();

    public int MaxLength => maxLength;

    /// <summary>Mutates <paramref name="buffer"/>[0..<paramref name="length"/>) in place (the buffer
    /// holds <see cref="MaxLength"/> bytes) and returns the new length. <paramref name="partner"/>
    /// is another corpus entry to splice with (may be empty).</summary>
    public int Mutate(byte[] buffer, int length, ReadOnlySpan<byte> partner)
    {
        int stack = 1 << random.Below(5);
        for (int i = 0; i < stack; i++) length = MutateOnce(buffer, length, partner);
        return length;
    }

    private int MutateOnce(byte[] b, int n, ReadOnlySpan<byte> partner)
    {
        if (n == 0) return Insert(b, n, random.Between(1, Math.Min(8, maxLength)));
        switch (random.Below(16))
        {
            case 0:
                b[random.Below(n)] ^= (byte)(1 << random.Below(8));
                return n;
            case 1:
                b[random.Below(n)] = random.Byte();
                return n;
            case 2:
                return Interesting(b, n);
            case 3:
                return Arithmetic(b, n);
            case 4:
                return Insert(b, n, random.Between(1, Math.Min(16, maxLength)));
            case 5:
            case 6:
                return Delete(b, n);
            case 7:
                return Duplicate(b, n);
            case 8:
                return Overwrite(b, n);
            case 9:
            case 10:
                return dictionary.Tokens.Count > 0 ? Token(b, n) : Separator(b, n);
            case 11:
                return partner.Length > 0 ? Splice(b, n, partner) : Delete(b, n);
            case 12:
            case 13:
                return ChunkBoundary(b, n);
            case 14:
                return Separator(b, n);
            default:
                // Byte swap: the cheap way to reorder two tokens.
                int x = random.Below(n), y = random.Below(n);
                (b[x], b[y]) = (b[y], b[x]);
                return n;
        }
    }

    private int Interesting(byte[] b, int n)
    {
        int width = n >= 4 ? 1 << random.Below(3) : n >= 2 ? 1 << random.Below(2) : 1;
        int at = random.Below(n - width + 1);
        bool big = random.OneIn(2);
        var span = b.AsSpan(at, width);
        switch (width)
        {
            case 1: b[at] = (byte)Interesting8[random.Below(Interesting8.Length)]; break;
            case 2:
                short s = Interesting16[random.Below(Interesting16.Length)];
                if (big) BinaryPrimitives.WriteInt16BigEndian(span, s); else BinaryPrimitives.WriteInt16LittleEndian(span, s);
                break;
            default:
                int v = Interesting32[random.Below(Interesting32.Length)];
                if (big) BinaryPrimitives.WriteInt32BigEndian(span, v); else BinaryPrimitives.WriteInt32LittleEndian(span, v);
                break;
        }
        return n;
    }

    private int Arithmetic(byte[] b, int n)
    {
        int delta = random.Between(1, 35) * (random.OneIn(2) ? 1 : -1);
        int width = n >= 4 ? 1 << random.Below(3) : n >= 2 ? 1 << random.Below(2) : 1;
        int at = random.Below(n - width + 1);
        var span = b.AsSpan(at, width);
        bool big = random.OneIn(2);
        switch (width)
        {
            case 1: b[at] = (byte)(b[at] + delta); break;
            case 2:
                ushort u16 = big ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
                u16 = (ushort)(u16 + delta);
                if (big) BinaryPrimitives.WriteUInt16BigEndian(span, u16); else BinaryPrimitives.WriteUInt16LittleEndian(span, u16);
                break;
            default:
                uint u32 = big ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
                u32 = (uint)(u32 + delta);
                if (big) BinaryPrimitives.WriteUInt32BigEndian(span, u32); else BinaryPrimitives.WriteUInt32LittleEndian(span, u32);
                break;
        }
        return n;
    }

    /// <summary>Opens a gap of <paramref name="count"/> bytes at a random place and fills it with
    /// random bytes or one repeated byte; returns the new length.</summary>
    private int Insert(byte[] b, int n, int count)
    {
        int at = random.Below(n + 1);
        count = Gap(b, n, at, count);
        if (random.OneIn(2)) b.AsSpan(at, count).Fill(random.Byte());
        else for (int i = 0; i < count; i++) b[at + i] = random.Byte();
        return n + count;
    }

    /// <summary>Moves the tail at <paramref name="at"/> right to open a gap, as wide as the maximum
    /// length allows; returns the gap's width.</summary>
    private int Gap(byte[] b, int n, int at, int count)
    {
        count = Math.Min(count, maxLength - n);
        if (count <= 0) return 0;
        Array.Copy(b, at, b, at + count, n - at);
        return count;
    }

    private int Delete(byte[] b, int n)
    {
        if (n <= 1) return n;
        int count = RangeLength(n - 1);
        int at = random.Below(n - count + 1);
        Array.Copy(b, at + count, b, at, n - at - count);
        return n - count;
    }

    private int Duplicate(byte[] b, int n)
    {
        int count = RangeLength(n);
        int from = random.Below(n - count + 1);
        byte[] copy = b.AsSpan(from, count).ToArray();
        int at = random.Below(n + 1);
        count = Gap(b, n, at, count);
        copy.AsSpan(0, count).CopyTo(b.AsSpan(at));
        return n + count;
    }

    private int Overwrite(byte[] b, int n)
    {
        int count = RangeLength(n);
        int from = random.Below(n - count + 1), to = random.Below(n - count + 1);
        Array.Copy(b, from, b, to, count);
        return n;
    }

    private int Token(byte[] b, int n)
    {
        byte[] token = dictionary.Tokens[random.Below(dictionary.Tokens.Count)];
        return Place(b, n, token);
    }

    private int Separator(byte[] b, int n) => Place(b, n, [Separators[random.Below(Separators.Length)]]);

    /// <summary>Inserts <paramref name="token"/> at a random place, or writes it over what is there.</summary>
    private int Place(byte[] b, int n, ReadOnlySpan<byte> token)
    {
        if (random.OneIn(2) && token.Length <= n)
        {
            token.CopyTo(b.AsSpan(random.Below(n - token.Length + 1)));
            return n;
        }
        int at = random.Below(n + 1);
        int count = Gap(b, n, at, token.Length);
        token[..count].CopyTo(b.AsSpan(at));
        return n + count;
    }

    /// <summary>This entry's head and the partner's tail, cut at random places.</summary>
    private int Splice(byte[] b, int n, ReadOnlySpan<byte> partner)
    {
        int head = random.Below(n + 1);
        int from = random.Below(partner.Length);
        int count = Math.Min(partner.Length - from, maxLength - head);
        partner.Slice(from, count).CopyTo(b.AsSpan(head));
        return head + count;
    }

    /// <summary>Edits next to a read boundary: the target's own boundaries when it reads in chunks,
    /// otherwise a boundary of a 1–16-byte read size. Changes the byte just before or just after it,
    /// puts a separator there, or inserts/deletes a byte just before it so that content moves
    /// across the boundary.</summary>
    private int ChunkBoundary(byte[] b, int n)
    {
        int boundary;
        var known = boundaries?.Invoke(b, n);
        if (known is { Count: > 0 }) boundary = known[random.Below(known.Count)];
        else
        {
            int size = random.Between(1, 16);
            int reads = n / size;
            if (reads == 0) return Separator(b, n);
            boundary = size * random.Between(1, reads);
        }
        if (boundary <= 0 || boundary > n) return n;
        switch (random.Below(5))
        {
            case 0: b[boundary - 1] = random.Byte(); return n;
            case 1:
                if (boundary < n) b[boundary] = random.Byte();
                return n;
            case 2: b[boundary - 1] = Separators[random.Below(Separators.Length)]; return n;
            case 3:
                int count = Gap(b, n, boundary - 1, 1);
                if (count == 1) b[boundary - 1] = random.OneIn(2) ? (byte)'\r' : random.Byte();
                return n + count;
            default:
                Array.Copy(b, boundary, b, boundary - 1, n - boundary);
                return n - 1;
        }
    }

    /// <summary>A range length up to <paramref name="limit"/>, short ones far more likely.</summary>
    private int RangeLength(int limit)
    {
        if (limit <= 1) return Math.Max(limit, 0);
        int cap = random.OneIn(4) ? limit : Math.Min(limit, 8);
        return random.Between(1, cap);
    }
}
