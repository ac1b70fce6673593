using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Tests.Targets;

/// <summary>A plain seeded random + mutation loop with no coverage feedback: enough to shake a
/// target with many inputs near its seeds, reproducibly (same seed, same inputs).</summary>
public static class MutationLoop
{
    public sealed record Crash(byte[] Input, Exception Error, int Execution);

    /// <summary>Runs <paramref name="executions"/> mutated inputs; returns the first crash, or null.</summary>
    public static Crash? Run(IFuzzTarget target, IReadOnlyList<byte[]> seeds, IReadOnlyList<byte[]> tokens, int executions, int seed)
    {
        var random = new Random(seed);
        var pool = seeds.Count > 0 ? seeds.ToList() : [[]];
        for (int i = 0; i < executions; i++)
        {
            byte[] input = Mutate(random, pool[random.Next(pool.Count)], pool, tokens);
            try
            {
                target.Run(input);
            }
            catch (Exception e)
            {
                return new Crash(input, e, i);
            }

            // Keep some mutants as parents so mutations stack up, bounded so seeds stay in play.
            if (random.Next(8) == 0 && input.Length < 8192)
            {
                if (pool.Count < seeds.Count + 256) pool.Add(input);
                else pool[seeds.Count + random.Next(256)] = input;
            }
        }

        return null;
    }

    public static byte[] Mutate(Random random, byte[] parent, IReadOnlyList<byte[]> pool, IReadOnlyList<byte[]> tokens)
    {
        var bytes = parent.ToList();
        int rounds = 1 + random.Next(4);
        for (int r = 0; r < rounds; r++)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count + 1);
            switch (random.Next(8))
            {
                case 0 when bytes.Count > 0:
                    int flip = random.Next(bytes.Count);
                    bytes[flip] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3 when bytes.Count > 0:
                    int start = random.Next(bytes.Count);
                    bytes.RemoveRange(start, Math.Min(bytes.Count - start, 1 + random.Next(16)));
                    break;
                case 4 when tokens.Count > 0:
                    bytes.InsertRange(at, tokens[random.Next(tokens.Count)]);
                    break;
                case 5:
                    byte[] other = pool[random.Next(pool.Count)];
                    if (other.Length == 0) break;
                    int from = random.Next(other.Length);
                    bytes.InsertRange(at, other.Skip(from).Take(1 + random.Next(64)));
                    break;
                case 6 when bytes.Count > 0:
                    int copyFrom = random.Next(bytes.Count);
                    var piece = bytes.Skip(copyFrom).Take(1 + random.Next(32)).ToArray();
                    bytes.InsertRange(at, piece);
                    break;
                default:
                    if (bytes.Count > 0) bytes.RemoveRange(at == bytes.Count ? at - 1 : at, 1);
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static readonly byte[] Interesting = "\r\n:\0 {}[]\",0-.e\\=;?*/"u8.ToArray().Concat(new byte[] { 0xEF, 0xBB, 0xBF, 0x80, 0xC3, 0xFF, 0x09 }).ToArray();
}
