using McpFuzz.Fuzzer.Engines;

namespace McpFuzz.Tests.Engines;

public sealed class FuzzDictionaryTests
{
    [Fact]
    public void Reads_the_afl_and_libfuzzer_dictionary_format()
    {
        var dictionary = FuzzDictionary.Parse("""
            # comment
            "data:"
            kw_event="event: message"
            kw2@1="\x0d\x0a"
            quote="a\"b\\c"

            "data:"
            """);

        Assert.Equal(["data:"u8.ToArray(), "event: message"u8.ToArray(), "\r\n"u8.ToArray(), "a\"b\\c"u8.ToArray()], dictionary.Tokens);
    }

    [Theory]
    [InlineData("data:")]
    [InlineData("\"a\\q\"")]
    [InlineData("name \"x\"")]
    [InlineData("\"a\"b\"")]
    public void A_malformed_line_is_refused_with_its_number(string line)
    {
        var error = Assert.Throws<FormatException>(() => FuzzDictionary.Parse("\"ok\"\n" + line));
        Assert.StartsWith("line 2:", error.Message);
    }

    [Fact]
    public void The_project_dictionaries_parse()
    {
        string root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "corpus", "dict"))) root = Path.GetDirectoryName(root)!;
        foreach (string file in Directory.GetFiles(Path.Combine(root, "corpus", "dict"), "*.dict"))
            Assert.NotEmpty(FuzzDictionary.Load(file).Tokens);
    }
}
