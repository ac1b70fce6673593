using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

public class SessionIdTests
{
    [Theory]
    [InlineData("1868a90c-f65e-4a5a-a2a3-6a2c4e7d4f11")]
    [InlineData("a")]
    [InlineData("!")]
    [InlineData("~")]
    [InlineData("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo")]
    public void Visible_ascii_ids_are_valid(string id)
    {
        Assert.True(SessionId.IsValid(id));
    }

    [Fact]
    public void There_is_no_length_limit()
    {
        Assert.True(SessionId.IsValid(new string('x', 100_000)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a b")]
    [InlineData(" abc")]
    [InlineData("abc ")]
    [InlineData("a\tb")]
    [InlineData("a\r\nb")]
    [InlineData("a\u0000")]
    [InlineData("\u007f")]
    [InlineData("\u0080")]
    [InlineData("caf\u00e9")]
    [InlineData("\ud83d\ude00")]
    public void Anything_else_is_invalid(string? id)
    {
        Assert.False(SessionId.IsValid(id));
    }
}
