using System.Text;
using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

public class McpHeaderValueTests
{
    // The examples of 2026-07-28/basic/transports/streamable-http#value-encoding.
    [Theory]
    [InlineData("us-west1", "us-west1")]
    [InlineData("Hello, 世界", "=?base64?SGVsbG8sIOS4lueVjA==?=")]
    [InlineData(" padded ", "=?base64?IHBhZGRlZCA=?=")]
    [InlineData("line1\nline2", "=?base64?bGluZTEKbGluZTI=?=")]
    [InlineData("=?base64?literal?=", "=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=")]
    public void Spec_examples(string value, string encoded)
    {
        Assert.Equal(encoded, McpHeaderValue.Encode(value));
        Assert.True(McpHeaderValue.TryDecode(encoded, out string? decoded));
        Assert.Equal(value, decoded);
    }

    [Theory]
    [InlineData("get_weather")]
    [InlineData("file:///projects/config.json")]
    [InlineData("a b")]
    [InlineData("!")]
    [InlineData("~")]
    [InlineData("=?base64?abc")]
    [InlineData("abc?=")]
    [InlineData("=?BASE64?abc?=")]
    public void Plain_values_are_sent_as_they_are(string value)
    {
        Assert.False(McpHeaderValue.NeedsEncoding(value));
        Assert.Equal(value, McpHeaderValue.Encode(value));
    }

    [Theory]
    [InlineData("", "=?base64??=")]
    [InlineData(" ", "=?base64?IA==?=")]
    [InlineData("a ", "=?base64?YSA=?=")]
    [InlineData(" a", "=?base64?IGE=?=")]
    [InlineData("a\tb", "=?base64?YQli?=")]
    [InlineData("\t", "=?base64?CQ==?=")]
    [InlineData("a\rb", "=?base64?YQ1i?=")]
    [InlineData("\u0000", "=?base64?AA==?=")]
    [InlineData("\u007f", "=?base64?fw==?=")]
    [InlineData("caf\u00e9", "=?base64?Y2Fmw6k=?=")]
    [InlineData("\ud83d\ude00", "=?base64?8J+YgA==?=")]
    [InlineData("=?base64??=", "=?base64?PT9iYXNlNjQ/Pz0=?=")]
    // Prefix and suffix overlap: a strict decoder would take it literally, but encoding is the safe side.
    [InlineData("=?base64?=", "=?base64?PT9iYXNlNjQ/PQ==?=")]
    public void Other_values_are_encoded(string value, string encoded)
    {
        Assert.True(McpHeaderValue.NeedsEncoding(value));
        Assert.Equal(encoded, McpHeaderValue.Encode(value));
        Assert.True(McpHeaderValue.TryDecode(encoded, out string? decoded));
        Assert.Equal(value, decoded);
    }

    [Fact]
    public void A_lone_surrogate_cannot_be_encoded()
    {
        Assert.ThrowsAny<ArgumentException>(() => McpHeaderValue.Encode("a\ud800b"));
        Assert.ThrowsAny<ArgumentException>(() => McpHeaderValue.Encode("\udc00"));
        Assert.Throws<ArgumentNullException>(() => McpHeaderValue.Encode(null!));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\tb", "a\tb")]
    [InlineData("a  b", "a  b")]
    [InlineData("", "")]
    [InlineData("=?base64?=", "=?base64?=")]
    [InlineData("=?base64?abc", "=?base64?abc")]
    [InlineData("=?Base64?SGk=?=", "=?Base64?SGk=?=")]
    [InlineData("=?base64?SGk=?=", "Hi")]
    [InlineData("=?base64??=", "")]
    [InlineData("=?base64?77u/?=", "\ufeff")]
    [InlineData("=?base64?SA==?=", "H")]
    public void TryDecode_takes_other_values_literally(string header, string expected)
    {
        Assert.True(McpHeaderValue.TryDecode(header, out string? value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" lead")]
    [InlineData("trail ")]
    [InlineData("\tlead")]
    [InlineData("a\r\nb")]
    [InlineData("a\nb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007fb")]
    [InlineData("caf\u00e9")]
    [InlineData("\ud83d\ude00")]
    [InlineData("=?base64?abc?=")] // length not a multiple of 4
    [InlineData("=?base64?ab*d?=")] // outside the alphabet
    [InlineData("=?base64?SGk?=")] // padding missing
    [InlineData("=?base64?SGl=?=")] // non-zero pad bits: "Hi" is SGk=
    [InlineData("=?base64?SB==?=")] // non-zero pad bits
    [InlineData("=?base64?SG k=?=")] // whitespace
    [InlineData("=?base64?SGk=\r\n?=")]
    [InlineData("=?base64?S=k=?=")] // "=" inside
    [InlineData("=?base64?====?=")]
    [InlineData("=?base64?SGk=SGk=?=")] // padding in the middle
    [InlineData("=?base64?-_-_?=")] // URL-safe alphabet
    [InlineData("=?base64?/w==?=")] // 0xFF is not UTF-8
    [InlineData("=?base64?7aCA?=")] // an encoded surrogate (ED A0 80) is not UTF-8
    [InlineData("=?base64?wIA=?=")] // overlong encoding C0 80
    public void TryDecode_rejects_invalid_values(string? header)
    {
        Assert.False(McpHeaderValue.TryDecode(header, out string? value));
        Assert.Null(value);
    }

    [Fact]
    public void TryDecode_rejects_oversized_values()
    {
        Assert.False(McpHeaderValue.TryDecode(new string('a', HttpFieldLimits.MaxValueLength + 1), out _));
        Assert.True(McpHeaderValue.TryDecode(new string('a', HttpFieldLimits.MaxValueLength), out _));
    }

    [Fact]
    public void Values_are_case_sensitive()
    {
        Assert.True(McpHeaderValue.TryDecode("=?base64?SGk=?=", out string? upper));
        Assert.True(McpHeaderValue.TryDecode("=?base64?aGk=?=", out string? lower));
        Assert.Equal("Hi", upper);
        Assert.Equal("hi", lower);
        Assert.Equal("US-West1", McpHeaderValue.Encode("US-West1"));
        Assert.True(McpHeaderValue.TryDecode("US-West1", out string? plain));
        Assert.Equal("US-West1", plain);
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(42L, "42")]
    [InlineData(-7L, "-7")]
    [InlineData(9007199254740991L, "9007199254740991")]
    [InlineData(-9007199254740991L, "-9007199254740991")]
    public void Integers_are_decimal(long value, string expected)
    {
        Assert.Equal(expected, McpHeaderValue.EncodeInteger(value));
    }

    [Theory]
    [InlineData(9007199254740992L)]
    [InlineData(-9007199254740992L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Integers_beyond_the_safe_range_are_refused(long value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => McpHeaderValue.EncodeInteger(value));
    }

    [Fact]
    public void Booleans_are_lowercase()
    {
        Assert.Equal("true", McpHeaderValue.EncodeBoolean(true));
        Assert.Equal("false", McpHeaderValue.EncodeBoolean(false));
    }

    /// <summary>Strings a JSON value could carry: ASCII (printable and control), Latin-1,
    /// BMP, astral pairs and sentinel look-alikes — but no lone surrogates, which have no UTF-8.</summary>
    private static Gen<string> ValueGen()
    {
        var ascii = Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString());
        var control = Gen.Elements("\t", "\n", "\r", "\u0000", "\u007f", "\u001b");
        var nonAscii = Gen.Elements("é", "世", "\u00a0", "\ufeff", "\ufffd", "\ud83d\ude00", "\U0010FFFF");
        var marker = Gen.Elements("=?base64?", "?=", "=", "?", " ");
        var piece = Gen.Frequency((6, ascii), (1, control), (2, nonAscii), (2, marker));
        var composed = Gen.ListOf(piece).Select(pieces => string.Concat(pieces));
        var arbitrary = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && IsScalarSequence(s));
        return Gen.OneOf(composed, arbitrary);
    }

    private static bool IsScalarSequence(string s) =>
        Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s;

    [Fact]
    public void Decode_inverts_Encode()
    {
        var property = Prop.ForAll(ValueGen().ToArbitrary(), value =>
            McpHeaderValue.TryDecode(McpHeaderValue.Encode(value), out string? decoded) && decoded == value);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void Encoded_values_are_valid_plain_header_text()
    {
        var property = Prop.ForAll(ValueGen().ToArbitrary(), value =>
        {
            string encoded = McpHeaderValue.Encode(value);
            return encoded.Length > 0 && encoded.All(c => c is >= ' ' and <= '~') &&
                   encoded[0] != ' ' && encoded[^1] != ' ';
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    [Fact]
    public void Plain_values_decode_to_themselves()
    {
        var property = Prop.ForAll(ValueGen().ToArbitrary(), value =>
            McpHeaderValue.NeedsEncoding(value) ||
            (McpHeaderValue.TryDecode(value, out string? decoded) && decoded == value));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }
}
