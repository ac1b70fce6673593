using System.Text;
using McpFuzz.Driver.Server;
using Xunit;

namespace McpFuzz.Tests.Driver;

public class MetadataReaderTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Reads_the_fields_discovery_needs_as_they_are()
    {
        var doc = MetadataReader.Read(Bytes("""
            {"resource":"https://mcp.example.com/mcp","authorization_servers":["https://a.example.com/t1", 7],
             "issuer":"https://a.example.com/t1","code_challenge_methods_supported":["S256","plain"],
             "authorization_response_iss_parameter_supported":true,"token_endpoint":"https://a.example.com/token","authorization_endpoint":5}
            """), out string? problem);
        Assert.Null(problem);
        Assert.NotNull(doc);
        Assert.Equal("https://mcp.example.com/mcp", doc.Resource);
        Assert.Equal(["https://a.example.com/t1"], doc.AuthorizationServers);
        Assert.Equal(["S256", "plain"], doc.CodeChallengeMethods);
        Assert.True(doc.IssParameterSupported);
        Assert.Equal(["https://a.example.com/token"], doc.Endpoints);
    }

    [Fact]
    public void An_absent_methods_field_is_null_not_empty()
    {
        var doc = MetadataReader.Read(Bytes("{\"issuer\":\"https://a.example.com\"}"), out _);
        Assert.Null(doc!.CodeChallengeMethods);
        Assert.Null(doc.ChosenIssuer);
    }

    [Theory]
    [InlineData("<html>not found</html>", "not JSON")]
    [InlineData("[1,2]", "array")]
    [InlineData("{\"issuer\":", "not JSON")]
    [InlineData("", "not JSON")]
    public void A_body_that_is_no_JSON_object_is_a_problem_not_an_exception(string body, string said)
    {
        Assert.Null(MetadataReader.Read(Bytes(body), out string? problem));
        Assert.Contains(said, problem);
    }
}
