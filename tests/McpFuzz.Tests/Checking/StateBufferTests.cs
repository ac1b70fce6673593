using McpFuzz.Model.Checking;

namespace McpFuzz.Tests.Checking;

public class StateBufferTests
{
    [Fact]
    public void Keeps_candidates_in_order_across_chunks_and_levels()
    {
        var buffer = new StateBuffer<long>();
        for (int level = 0; level < 3; level++)
        {
            // Stage candidates in batches past the kept states, keep every third one.
            var expected = new List<long>();
            long next = 0;
            while (next < 200_000)
            {
                int staged = 0;
                for (; staged < 40; staged++) buffer.Reserve(staged) = next++ * 10 + level;
                int first = buffer.Count;
                for (int j = 0; j < staged; j++)
                {
                    long candidate = buffer[first + j];
                    if (candidate / 10 % 3 != 0) continue;
                    buffer.Keep(first + j);
                    expected.Add(candidate);
                }
            }

            Assert.Equal(expected.Count, buffer.Count);
            for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], buffer[i]);
            buffer.Clear();
            Assert.Equal(0, buffer.Count);
        }

        buffer.Release();
        buffer.Add(5);
        Assert.Equal(5, buffer[0]);
        buffer.Release();
    }
}
