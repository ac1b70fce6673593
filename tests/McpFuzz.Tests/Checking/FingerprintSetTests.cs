using McpFuzz.Model.Checking;

namespace McpFuzz.Tests.Checking;

public class FingerprintSetTests
{
    [Fact]
    public void Adds_each_fingerprint_once_whether_it_comes_back_soon_or_late()
    {
        var set = new FingerprintSet();
        var reference = new HashSet<ulong>();
        var random = new Random(3);
        var recent = new List<ulong>();
        for (int i = 0; i < 400_000; i++)
        {
            // A mix of new values, values seen a moment ago, values seen long ago, and zero.
            ulong f = random.Next(10) switch
            {
                < 4 => (ulong)random.NextInt64(),
                < 7 when recent.Count > 0 => recent[^(1 + random.Next(Math.Min(recent.Count, 50)))],
                < 9 when recent.Count > 0 => recent[random.Next(recent.Count)],
                _ => (ulong)random.Next(3),
            };
            recent.Add(f);
            Assert.Equal(reference.Add(f), set.Add(f));
        }

        Assert.Equal(reference.Count, set.Count);
    }

    [Fact]
    public void After_release_nothing_is_present()
    {
        var set = new FingerprintSet();
        for (ulong f = 0; f < 100_000; f++) Assert.True(set.Add(f * 0x9E3779B97F4A7C15UL));
        set.Release();
        Assert.Equal(0, set.Count);
        for (ulong f = 0; f < 100_000; f++) Assert.True(set.Add(f * 0x9E3779B97F4A7C15UL));
        Assert.False(set.Add(0));
    }
}
