using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

public class WwwAuthenticateTests
{
    private static IReadOnlyList<AuthChallenge> ParseWellFormed(string value)
    {
        Assert.True(WwwAuthenticate.TryParse(value, out var challenges), value);
        return challenges;
    }

    private static HttpParameters Params(params (string Name, string Value)[] pairs) =>
        HttpParameters.From(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    [Fact]
    public void Mcp_401_challenge_with_resource_metadata()
    {
        var challenge = Assert.Single(ParseWellFormed(
            "Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\""));
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.True(challenge.IsBearer);
        Assert.Null(challenge.Token68);
        Assert.Equal("https://mcp.example.com/.well-known/oauth-protected-resource", challenge.ResourceMetadata);
        Assert.Null(challenge.Scope);
        Assert.Null(challenge.Error);
        Assert.Null(challenge.ErrorDescription);
        Assert.Null(challenge.Realm);
    }

    [Fact]
    public void Mcp_403_insufficient_scope_challenge()
    {
        var challenge = Assert.Single(ParseWellFormed(
            "Bearer error=\"insufficient_scope\", scope=\"files:read files:write\", " +
            "resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\", " +
            "error_description=\"Additional file write permission required\""));
        Assert.Equal("insufficient_scope", challenge.Error);
        Assert.Equal(["files:read", "files:write"], challenge.Scope!);
        Assert.Equal("https://mcp.example.com/.well-known/oauth-protected-resource", challenge.ResourceMetadata);
        Assert.Equal("Additional file write permission required", challenge.ErrorDescription);
        Assert.Equal(4, challenge.Parameters.Count);
    }

    [Fact]
    public void Several_challenges_in_one_value()
    {
        var challenges = ParseWellFormed("Basic realm=\"x\", Bearer realm=\"y\", scope=\"a\"");
        Assert.Equal(
            [
                new AuthChallenge("Basic", null, Params(("realm", "x"))),
                new AuthChallenge("Bearer", null, Params(("realm", "y"), ("scope", "a"))),
            ],
            challenges);
        Assert.Equal("y", WwwAuthenticate.FindBearer(challenges)!.Realm);
    }

    [Theory]
    [InlineData("Negotiate abc==", "abc==")]
    [InlineData("Negotiate a", "a")]
    [InlineData("Negotiate YII/+-._~==  ", "YII/+-._~==")]
    [InlineData("Negotiate abc=", "abc=")]
    public void Token68(string value, string token68)
    {
        var challenge = Assert.Single(ParseWellFormed(value));
        Assert.Equal(new AuthChallenge("Negotiate", token68, HttpParameters.Empty), challenge);
    }

    [Fact]
    public void Token68_followed_by_another_challenge()
    {
        Assert.Equal(
            [
                new AuthChallenge("Negotiate", "abc==", HttpParameters.Empty),
                new AuthChallenge("Bearer", null, HttpParameters.Empty),
                new AuthChallenge("Basic", null, Params(("realm", "r"))),
            ],
            ParseWellFormed("Negotiate abc==, Bearer, Basic realm=r"));
    }

    [Theory]
    [InlineData("Bearer realm=\"a \\\"quoted\\\" word\"", "a \"quoted\" word")]
    [InlineData("Bearer realm=\"back\\\\slash\"", "back\\slash")]
    [InlineData("Bearer realm=\"\\a\\b\"", "ab")]
    [InlineData("Bearer realm=\"comma, inside\"", "comma, inside")]
    [InlineData("Bearer realm=\"\"", "")]
    [InlineData("Bearer realm=token", "token")]
    [InlineData("Bearer realm = token", "token")]
    [InlineData("Bearer realm\t=\t\"x\"", "x")]
    [InlineData("Bearer REALM=x", "x")]
    [InlineData("Bearer realm=\"caf\u00e9\"", "caf\u00e9")]
    public void Parameter_values(string value, string realm)
    {
        Assert.Equal(realm, Assert.Single(ParseWellFormed(value)).Realm);
    }

    [Fact]
    public void Unquoted_error_and_scope()
    {
        var challenge = Assert.Single(ParseWellFormed("Bearer error=invalid_token, scope=openid"));
        Assert.Equal("invalid_token", challenge.Error);
        Assert.Equal(["openid"], challenge.Scope!);
    }

    [Fact]
    public void A_colon_is_not_a_token_char_so_an_unquoted_scope_with_one_is_malformed()
    {
        Assert.False(WwwAuthenticate.TryParse("Bearer scope=files:read", out var challenges));
        Assert.Empty(challenges);
    }

    [Fact]
    public void A_scheme_then_name_and_equals_sign_is_a_token68()
    {
        // token68 = 1*( ALPHA / DIGIT / ... ) *"=": "realm=" is one, so this is well-formed.
        Assert.Equal([new AuthChallenge("Basic", "realm=", HttpParameters.Empty)], ParseWellFormed("Basic realm="));
    }

    [Fact]
    public void Scope_drops_empty_entries()
    {
        var challenge = Assert.Single(ParseWellFormed("Bearer scope=\" a  b \""));
        Assert.Equal(["a", "b"], challenge.Scope!);
        Assert.Empty(Assert.Single(ParseWellFormed("Bearer scope=\"\"")).Scope!);
    }

    [Fact]
    public void Scheme_and_parameter_names_are_case_insensitive()
    {
        var challenge = Assert.Single(ParseWellFormed("bEaReR Resource_Metadata=\"u\", ERROR=invalid_token"));
        Assert.True(challenge.IsBearer);
        Assert.True(challenge.IsScheme("BEARER"));
        Assert.Equal("bEaReR", challenge.Scheme);
        Assert.Equal("u", challenge.ResourceMetadata);
        Assert.Equal("invalid_token", challenge.Error);
    }

    [Fact]
    public void Empty_list_elements_are_ignored()
    {
        Assert.Equal(
            [
                new AuthChallenge("Basic", null, Params(("realm", "x"))),
                new AuthChallenge("Bearer", null, Params(("scope", "a"))),
            ],
            ParseWellFormed(" , Basic realm=x ,, , Bearer scope=a,"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,")]
    public void An_empty_value_has_no_challenges(string value)
    {
        Assert.Empty(ParseWellFormed(value));
    }

    [Fact]
    public void A_repeated_parameter_keeps_the_first_and_is_not_well_formed()
    {
        Assert.False(WwwAuthenticate.TryParse("Bearer realm=a, Realm=b, scope=s", out var challenges));
        var challenge = Assert.Single(challenges);
        Assert.Equal(Params(("realm", "a"), ("scope", "s")), challenge.Parameters);
    }

    [Theory]
    // A parameter before any scheme.
    [InlineData("realm=x, Bearer scope=a")]
    // Unterminated quoted string: everything after the opening quote is lost.
    [InlineData("Basic realm=\"x, Bearer scope=a", false)]
    // A parameter without a value.
    [InlineData("Basic realm=x, foo=, Bearer scope=a")]
    // No space between scheme and parameters.
    [InlineData("Basic\"x\", Bearer scope=a")]
    // Junk after a parameter value.
    [InlineData("Basic realm=x y, Bearer scope=a")]
    // A parameter after a token68.
    [InlineData("Negotiate abc, realm=x, Bearer scope=a")]
    // A non-token where an element should start.
    [InlineData("@@@, Bearer scope=a")]
    // A control char inside a quoted string.
    [InlineData("Basic realm=\"a\u0001b\", Bearer scope=a")]
    // Non-ASCII scheme.
    [InlineData("B\u00e1sic realm=x, Bearer scope=a")]
    public void A_malformed_challenge_is_dropped_and_the_rest_is_kept(string value, bool bearerSurvives = true)
    {
        Assert.False(WwwAuthenticate.TryParse(value, out var challenges));
        if (bearerSurvives)
        {
            Assert.Equal([new AuthChallenge("Bearer", null, Params(("scope", "a")))], challenges);
        }
        else
        {
            Assert.Empty(challenges);
        }
    }

    [Fact]
    public void Parameters_after_a_malformed_challenge_are_dropped_with_it()
    {
        Assert.False(WwwAuthenticate.TryParse("Basic realm=x y, charset=utf-8, Bearer error=e", out var challenges));
        Assert.Equal([new AuthChallenge("Bearer", null, Params(("error", "e")))], challenges);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"")]
    [InlineData("=")]
    [InlineData("==,==")]
    [InlineData("\\")]
    [InlineData("Bearer \"")]
    [InlineData("Bearer realm=\"\\")]
    [InlineData("\r\n")]
    [InlineData("\u0000")]
    public void Garbage_gives_nothing(string? value)
    {
        Assert.False(WwwAuthenticate.TryParse(value, out var challenges));
        Assert.Empty(challenges);
        Assert.Empty(WwwAuthenticate.Parse(value));
    }

    [Fact]
    public void An_oversized_value_is_not_parsed()
    {
        string value = "Bearer realm=\"" + new string('x', HttpFieldLimits.MaxValueLength) + "\"";
        Assert.False(WwwAuthenticate.TryParse(value, out var challenges));
        Assert.Empty(challenges);
    }

    [Fact]
    public void FindBearer_returns_the_first_bearer_or_null()
    {
        Assert.Null(WwwAuthenticate.FindBearer(WwwAuthenticate.Parse("Basic realm=x")));
        Assert.Null(WwwAuthenticate.FindBearer(WwwAuthenticate.Parse(null)));
        Assert.Equal("1", WwwAuthenticate.FindBearer(WwwAuthenticate.Parse("Bearer realm=1, bearer realm=2"))!.Realm);
    }

    [Fact]
    public void Results_compare_structurally()
    {
        var a = WwwAuthenticate.Parse("Bearer realm=x, scope=\"a b\"");
        var b = WwwAuthenticate.Parse("Bearer  scope=\"a b\" , REALM=\"x\"");
        Assert.True(a.Equals(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(WwwAuthenticate.Parse("bearer realm=x, scope=\"a b\"")));
    }
}
