using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

/// <summary>Every parser meets arbitrary peer input without throwing.</summary>
public class RobustnessTests
{
    /// <summary>Strings built mostly from the characters the grammars care about.</summary>
    private static Gen<string> HeaderishGen()
    {
        var syntax = Gen.Elements(
            "\"", "\\", ",", ";", "=", "/", "*", " ", "\t", "\r", "\n", "q", "q=0.5", "Bearer", "realm",
            "application/json", "text/event-stream", "=?base64?", "?=", "SGk=", "é", "\u0000", "\ud800", "2025-06-18");
        var any = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        var composed = Gen.ListOf(syntax).Select(parts => string.Concat(parts));
        return Gen.OneOf(composed, composed, any);
    }

    [Fact]
    public void Parsers_never_throw()
    {
        var property = Prop.ForAll(HeaderishGen().ToArbitrary(), value =>
        {
            MediaType.TryParse(value, out _);
            var accept = AcceptHeader.Parse(value);
            _ = accept.Allows("application/json") | accept.ListsJsonAndEventStream | accept.Allows(value) | accept.Lists(value);
            _ = SessionId.IsValid(value);
            _ = ProtocolVersionHeader.Classify(value);
            _ = McpHeaderValue.TryDecode(value, out _);
            var challenges = WwwAuthenticate.Parse(value);
            foreach (var challenge in challenges)
            {
                _ = challenge.Scope;
                _ = challenge.ResourceMetadata;
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), property);
    }

    [Fact]
    public void Accept_parsing_accounts_for_every_non_empty_element()
    {
        // Without quoted-strings, each comma-separated non-blank piece is either a range or skipped.
        var piece = Gen.Elements("application/json", "text/*;q=0.5", "*/*", "junk", "a/b;c=d", "*/x", "q=1", "", " ");
        var property = Prop.ForAll(Gen.ListOf(piece).ToArbitrary(), pieces =>
        {
            var accept = AcceptHeader.Parse(string.Join(",", pieces));
            int nonBlank = pieces.Count(p => p.Trim().Length > 0);
            return accept.Ranges.Count + accept.SkippedElements == nonBlank;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
