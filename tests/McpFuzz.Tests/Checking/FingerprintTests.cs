using McpFuzz.Model.Checking;

namespace McpFuzz.Tests.Checking;

public class FingerprintTests
{
    [Fact]
    public void Equal_bytes_have_equal_fingerprints()
    {
        var bytes = Enumerable.Range(0, 268).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(Fingerprint.Of(bytes), Fingerprint.Of(bytes.ToArray()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(23)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(53)]
    [InlineData(268)]
    public void Every_single_bit_flip_changes_the_fingerprint(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var seen = new HashSet<ulong> { Fingerprint.Of(bytes) };
        for (int bit = 0; bit < length * 8; bit++)
        {
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.True(seen.Add(Fingerprint.Of(bytes)), $"flipping bit {bit} of {length} bytes collided");
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    [Fact]
    public void Trailing_zeros_count()
    {
        var fingerprints = Enumerable.Range(0, 70).Select(n => Fingerprint.Of(new byte[n])).ToList();
        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
    }

    [Fact]
    public void Structured_states_that_differ_in_a_few_small_fields_do_not_collide()
    {
        // States are mostly zeros and small enum values; the fingerprint must tell apart worlds
        // that differ in one, two or three such bytes, anywhere.
        var random = new Random(42);
        var baseline = new byte[268];
        var seen = new HashSet<ulong>();
        var distinct = new HashSet<string>();
        for (int i = 0; i < 200_000; i++)
        {
            var bytes = (byte[])baseline.Clone();
            int changes = 1 + random.Next(3);
            for (int c = 0; c < changes; c++) bytes[random.Next(bytes.Length)] = (byte)random.Next(1, 6);
            if (!distinct.Add(Convert.ToHexString(bytes))) continue;
            Assert.True(seen.Add(Fingerprint.Of(bytes)));
        }
    }

    [Fact]
    public void A_value_hashes_as_its_bytes()
    {
        var request = new McpFuzz.Model.Machines.Http.AbstractRequest { Payload = McpFuzz.Model.Machines.Http.Payload.ToolCall, RequestId = 3, Session = 1 };
        byte[] bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<McpFuzz.Model.Machines.Http.AbstractRequest>(in request)).ToArray();
        Assert.Equal(Fingerprint.Of(bytes), Fingerprint.Of(request));
    }
}
