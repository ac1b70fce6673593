using McpFuzz.Fuzzer.Engines;

namespace McpFuzz.Tests.Engines;

public sealed class MutatorTests
{
    [Fact]
    public void Mutants_stay_within_the_maximum_length_and_the_same_seed_gives_the_same_mutants()
    {
        List<string> Mutants(ulong seed)
        {
            var random = new Prng(seed);
            var mutator = new Mutator(random, FuzzDictionary.Parse("\"data: \""), maxLength: 24);
            byte[] buffer = new byte[24];
            var seen = new List<string>();
            int length = 0;
            for (int i = 0; i < 5000; i++)
            {
                length = mutator.Mutate(buffer, length, "partner bytes"u8);
                Assert.InRange(length, 0, 24);
                seen.Add(Convert.ToHexString(buffer, 0, length));
            }
            return seen;
        }

        Assert.Equal(Mutants(5), Mutants(5));
        Assert.NotEqual(Mutants(5), Mutants(6));
        Assert.Contains(Mutants(5), m => m.Contains(Convert.ToHexString("data: "u8)));
    }

    [Fact]
    public void Boundary_mutations_aim_at_the_bytes_either_side_of_a_targets_read_boundary()
    {
        // A target that reads 13 bytes then the rest: the boundary is at 13. Count mutants that
        // changed exactly one byte, by position.
        int[] Alone(Func<byte[], int, IReadOnlyList<int>>? boundaries)
        {
            var mutator = new Mutator(new Prng(9), FuzzDictionary.Empty, maxLength: 24, boundaries);
            int[] counts = new int[24];
            for (int i = 0; i < 50_000; i++)
            {
                byte[] buffer = new byte[24];
                if (mutator.Mutate(buffer, 24, []) != 24) continue;
                int first = buffer.AsSpan().IndexOfAnyExcept((byte)0), last = buffer.AsSpan().LastIndexOfAnyExcept((byte)0);
                if (first >= 0 && first == last) counts[first]++;
            }
            return counts;
        }

        int[] aimed = Alone((_, n) => n > 13 ? [13] : []);
        int[] blind = Alone(null);

        Assert.True(aimed[12] > 3 * blind[12] / 2, $"before the boundary: {aimed[12]} aimed, {blind[12]} blind");
        Assert.True(aimed[13] > 3 * blind[13] / 2, $"after the boundary: {aimed[13]} aimed, {blind[13]} blind");
    }
}
