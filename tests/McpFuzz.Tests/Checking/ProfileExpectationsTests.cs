using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;
using Xunit;

namespace McpFuzz.Tests.Checking;

/// <summary>Every documented profile, paired with the peer where it matters, is found by the
/// checker, and the same pairing without the profile is clean: a profile the checker cannot tell
/// from conforming behaviour would be a gap in the model.</summary>
public class ProfileExpectationsTests
{
    /// <summary>Profile name, the client and server (REV[+profile...]), the fault budget, the
    /// property that must fail and a rule id the finding must cite.</summary>
    public static TheoryData<string, string, string, int, string, string> Cases => new()
    {
        { "legacy-endpoint-in-post", "2025-06-18", "2025-06-18+legacy-endpoint-in-post", 0, "server-conforms", "shttp.message-events" },
        { "status-400-for-unknown-session", "2025-06-18", "2025-06-18+status-400-for-unknown-session", 0, "server-conforms", "session.expired-404" },
        { "priming-to-old-clients", "2025-06-18", "2025-06-18+priming-to-old-clients", 0, "server-conforms", "resume.priming-event" },
        { "close-before-response", "2025-06-18", "2025-06-18+close-before-response", 0, "server-conforms", "shttp.no-close-before-response" },
        { "batch-after-2025-06-18", "2025-06-18", "2025-06-18+batch-after-2025-06-18", 0, "server-conforms", "jsonrpc.no-batch" },
        { "replay-across-streams", "2025-11-25", "2025-11-25+replay-across-streams", 1, "server-conforms", "resume.same-stream-only" },
        { "no-202-for-notifications", "2025-06-18", "2025-06-18+no-202-for-notifications", 0, "server-conforms", "shttp.notification-202" },
        { "rejects-header-on-initialize", "2025-11-25+header-on-initialize", "2025-06-18+rejects-header-on-initialize", 0, "server-conforms", "version.header-invalid-400" },
        { "get-answers-400", "2025-06-18", "2025-06-18+get-answers-400", 0, "server-conforms", "shttp.get-sse-or-405" },
        { "assumes-own-version-when-header-missing", "2025-03-26", "2025-06-18+assumes-own-version-when-header-missing", 0, "version-agreement", "version.header-missing-default" },

        { "first-event-is-response", "2025-11-25+first-event-is-response", "2025-11-25", 0, "client-conforms", "shttp.message-events" },
        { "empty-data-is-json", "2025-11-25+empty-data-is-json", "2025-11-25", 0, "client-conforms", "resume.priming-not-message" },
        { "no-reinit-on-404", "2025-06-18+no-reinit-on-404", "2025-06-18", 1, "client-conforms", "session.expired-404-reinit" },
        { "fallback-on-any-4xx", "2025-11-25+fallback-on-any-4xx", "2025-11-25+requires-authorization", 0, "client-conforms", "fallback.400-404-405" },
        { "no-fallback", "2025-06-18+no-fallback", "2024-11-05", 0, "client-conforms", "fallback.any-4xx" },
        { "non-405-get-is-fatal", "2025-06-18+non-405-get-is-fatal", "2025-06-18", 1, "client-conforms", "shttp.get-sse-or-405" },
        { "omits-protocol-version-header", "2025-06-18+omits-protocol-version-header", "2025-06-18", 0, "client-conforms", "version.header-required" },
        { "oauth-discovery-header-leak", "2025-06-18+oauth-discovery-header-leak", "2025-06-18", 0, "client-conforms", "version.header-negotiated" },
        { "resume-without-last-event-id", "2025-11-25+resume-without-last-event-id", "2025-11-25", 1, "client-conforms", "resume.last-event-id" },
        { "unbounded-reconnect", "2025-11-25+unbounded-reconnect", "2025-11-25", 1, "client-conforms", "resume.bounded-reconnect" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_profile_is_found_against_a_conforming_peer(string profile, string client, string server, int faults, string property, string rule)
    {
        var pairing = Parse(client, server, faults);
        var result = Explorer.Run(new McpWorld(pairing), new ExplorationBounds());

        Assert.NotNull(result.Violation);
        Assert.Equal(property, result.Violation!.Property.Id);
        Assert.Contains(rule, result.Violation.Rules);
        if (property.EndsWith("-conforms", StringComparison.Ordinal)) Assert.Contains(profile, result.Violation.Detail);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Without_the_profile_the_same_pairing_is_clean(string profile, string client, string server, int faults, string property, string rule)
    {
        _ = (property, rule);
        var pairing = Parse(Without(client, profile), Without(server, profile), faults);
        var result = Explorer.Run(new McpWorld(pairing), new ExplorationBounds());

        Assert.Null(result.Violation);
        Assert.True(result.Complete);
    }

    [Fact]
    public void Every_documented_deviation_has_a_case()
    {
        var pinned = Cases.Select(row => (string)row[0]).ToHashSet();
        var deviations = Profiles.All.Where(p => p.Explored && !p.Breaks.StartsWith("(allowed", StringComparison.Ordinal)).Select(p => p.Name).ToList();
        Assert.NotEmpty(deviations);
        Assert.DoesNotContain(deviations, name => !pinned.Contains(name));
    }

    private static string Without(string side, string profile) =>
        string.Join("+", side.Split('+').Where(part => part != profile));

    private static Pairing Parse(string client, string server, int faults)
    {
        var c = Pairing.ParseSide(client, server: false, out var clientError) ?? throw new ArgumentException(clientError);
        var s = Pairing.ParseSide(server, server: true, out var serverError) ?? throw new ArgumentException(serverError);
        return new Pairing(c.Peer, (ClientProfile)c.Profile, s.Peer, (ServerProfile)s.Profile, faults);
    }
}
