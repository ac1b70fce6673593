using System.Text.RegularExpressions;
using McpFuzz.Model.Revisions;

// Not McpFuzz.Tests.Revisions, which would shadow the model's static Revisions class for every
// test under McpFuzz.Tests.
namespace McpFuzz.Tests.RevisionRules;

public class RuleCatalogTests
{
    private static readonly Regex IdShape = new(@"^[a-z0-9]+(\.[a-z0-9-]+)+$", RegexOptions.CultureInvariant);

    private static Rule Rule(string id) => RuleCatalog.Find(id) ?? throw new Xunit.Sdk.XunitException($"rule {id} is not in the catalog");

    private static string RangeOf(string id) => Rule(id).Revisions.ToString();

    /// <summary>Ids other code cites; renaming one breaks findings already published.</summary>
    public static TheoryData<string> RequiredIds => new(
    [
        "shttp.post-accept-both", "shttp.notification-202", "shttp.request-json-or-sse", "shttp.client-supports-json-and-sse",
        "shttp.sse-carries-response", "shttp.no-close-before-response", "shttp.close-after-response", "shttp.get-sse-or-405",
        "shttp.get-no-responses", "shttp.single-stream-delivery", "shttp.message-events", "shttp.origin-validate",
        "shttp.origin-403", "shttp.disconnect-not-cancellation",
        "legacy.endpoint-first", "legacy.post-to-endpoint", "legacy.message-events",
        "session.id-charset", "session.client-sends-id", "session.missing-400", "session.expired-404",
        "session.expired-404-reinit", "session.delete", "session.delete-405",
        "lifecycle.initialize-first", "lifecycle.initialized-notification", "lifecycle.client-waits-for-initialize",
        "lifecycle.server-waits-for-initialized", "lifecycle.version-echo", "lifecycle.version-counteroffer",
        "lifecycle.unsupported-version-disconnect", "lifecycle.initialize-not-batched",
        "version.header-required", "version.header-negotiated", "version.header-invalid-400", "version.header-missing-default",
        "resume.event-id-unique", "resume.last-event-id", "resume.same-stream-only", "resume.priming-event",
        "resume.priming-not-message", "resume.close-after-id-only", "resume.retry-before-close", "resume.client-waits-retry",
        "resume.poll-after-close", "resume.bounded-reconnect",
        "modern.no-initialize", "modern.server-discover", "modern.meta-required", "modern.protocol-header",
        "modern.header-mismatch-32020", "modern.unsupported-version-32022", "modern.missing-capability-32021",
        "modern.unknown-method-404", "modern.mcp-method-header", "modern.mcp-name-header", "modern.no-resumability",
        "modern.disconnect-is-cancellation", "modern.get-delete-405", "modern.ignore-session-id", "modern.no-server-requests",
        "modern.mrtr-new-id", "modern.mrtr-echo-state", "modern.listen-ack-first", "modern.listen-subscription-id",
        "modern.dual-era-probe", "modern.dual-era-server",
        "fallback.any-4xx", "fallback.400-404-405", "fallback.not-modern-error", "fallback.endpoint-event",
        "fallback.server-keeps-legacy",
        "auth.discovery-2025-03-26", "auth.discovery-2025-06-18", "auth.discovery-2025-11-25", "auth.discovery-2026-07-28",
        "auth.401-resource-metadata", "auth.prm-required", "auth.as-metadata", "auth.pkce-methods-required",
        "auth.issuer-equality", "auth.iss-parameter", "auth.resource-parameter", "auth.bearer-every-request",
        "auth.token-audience", "auth.no-token-passthrough", "auth.protocol-version-during-discovery",
    ]);

    [Fact]
    public void Ids_are_unique_and_well_formed()
    {
        var ids = RuleCatalog.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(IdShape, id));
    }

    [Theory]
    [MemberData(nameof(RequiredIds))]
    public void Every_id_other_code_cites_exists(string id) => Assert.NotNull(RuleCatalog.Find(id));

    [Fact]
    public void Every_rule_states_its_requirement_and_where_the_spec_says_so()
    {
        Assert.All(RuleCatalog.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Summary), r.Id);
            Assert.Matches(@"^(\d{4}-\d{2}-\d{2}/|schema/\d{4}-\d{2}-\d{2}/|RFC |WHATWG)", r.SpecRef);
        });
    }

    [Fact]
    public void Spec_references_name_a_revision_that_exists()
    {
        foreach (var rule in RuleCatalog.All)
        {
            foreach (Match m in Regex.Matches(rule.SpecRef, @"\d{4}-\d{2}-\d{2}"))
            {
                Assert.True(Revisions.TryParse(m.Value.AsSpan(), out _), $"{rule.Id} cites {m.Value}");
            }
        }
    }

    [Fact]
    public void No_rule_applies_to_zero_revisions()
    {
        Assert.All(RuleCatalog.All, r => Assert.False(r.Revisions.IsEmpty, r.Id));
    }

    [Fact]
    public void Sessions_do_not_exist_outside_2025_03_26_to_2025_11_25()
    {
        var session = RuleCatalog.All.Where(r => r.Id.StartsWith("session.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(session);
        Assert.All(session, r =>
        {
            Assert.False(r.AppliesTo(Revision.V2024_11_05), r.Id);
            Assert.False(r.AppliesTo(Revision.V2026_07_28), r.Id);
        });
    }

    [Fact]
    public void Modern_rules_hold_only_in_the_modern_era()
    {
        Assert.All(RuleCatalog.All.Where(r => r.Id.StartsWith("modern.", StringComparison.Ordinal)),
            r => Assert.All(r.Revisions.Members(), rev => Assert.Equal(Era.Modern, rev.Era())));
    }

    [Fact]
    public void The_handshake_belongs_to_the_legacy_era()
    {
        Assert.All(RuleCatalog.All.Where(r => r.Id.StartsWith("lifecycle.", StringComparison.Ordinal)),
            r => Assert.False(r.AppliesTo(Revision.V2026_07_28), r.Id));
    }

    [Fact]
    public void Each_revision_has_its_own_fallback_trigger()
    {
        Assert.Equal("2025-03-26,2025-06-18", RangeOf("fallback.any-4xx"));
        Assert.Equal("2025-11-25", RangeOf("fallback.400-404-405"));
        Assert.Equal("2026-07-28", RangeOf("fallback.not-modern-error"));
        foreach (var revision in Revisions.All.Where(r => r >= Revision.V2025_03_26))
        {
            string[] triggers = ["fallback.any-4xx", "fallback.400-404-405", "fallback.not-modern-error"];
            Assert.Single(triggers, id => Rule(id).AppliesTo(revision));
        }
    }

    [Theory]
    [InlineData("resume.priming-event")]
    [InlineData("resume.priming-not-message")]
    [InlineData("resume.close-after-id-only")]
    [InlineData("resume.retry-before-close")]
    [InlineData("resume.client-waits-retry")]
    [InlineData("resume.poll-after-close")]
    public void Polling_exists_only_in_2025_11_25(string id) => Assert.Equal("2025-11-25", RangeOf(id));

    [Fact]
    public void Resumability_ends_before_2026_07_28()
    {
        Assert.All(RuleCatalog.All.Where(r => r.Id.StartsWith("resume.", StringComparison.Ordinal)),
            r => Assert.False(r.AppliesTo(Revision.V2026_07_28), r.Id));
        Assert.Equal("2025-03-26,2025-06-18,2025-11-25", RangeOf("resume.event-id-unique"));
    }

    [Fact]
    public void The_priming_rule_is_a_client_MUST_and_cites_WHATWG_dispatch()
    {
        var rule = Rule("resume.priming-not-message");
        Assert.Equal((RuleLevel.Must, RuleSide.Client), (rule.Level, rule.Side));
        Assert.Contains("WHATWG", rule.SpecRef);
    }

    [Fact]
    public void The_protocol_version_header_starts_in_2025_06_18()
    {
        Assert.False(Rule("version.header-required").AppliesTo(Revision.V2025_03_26));
        Assert.Equal("2025-06-18,2025-11-25", RangeOf("version.header-required"));
        Assert.Equal("2025-06-18,2025-11-25,2026-07-28", RangeOf("version.header-invalid-400"));
        Assert.Equal("2025-06-18,2025-11-25", RangeOf("version.header-missing-default"));
        Assert.Equal("2026-07-28", RangeOf("modern.protocol-header"));
    }

    [Fact]
    public void Stream_close_rules_flip_between_eras()
    {
        Assert.Equal("2025-03-26,2025-06-18", RangeOf("shttp.no-close-before-response"));
        Assert.Equal("2025-03-26,2025-06-18,2025-11-25", RangeOf("shttp.disconnect-not-cancellation"));
        Assert.Equal("2026-07-28", RangeOf("modern.disconnect-is-cancellation"));
        Assert.Equal("2025-03-26,2025-06-18,2025-11-25", RangeOf("shttp.get-sse-or-405"));
    }

    [Fact]
    public void Origin_validation_holds_everywhere_and_403_from_2025_11_25()
    {
        Assert.Equal("all", RangeOf("shttp.origin-validate"));
        Assert.Equal("2025-11-25,2026-07-28", RangeOf("shttp.origin-403"));
    }

    [Fact]
    public void Discovery_has_exactly_one_rule_per_revision_with_authorization()
    {
        foreach (var revision in Revisions.All)
        {
            var discovery = RuleCatalog.All.Where(r => r.Id.StartsWith("auth.discovery-", StringComparison.Ordinal) && r.AppliesTo(revision)).ToList();
            if (revision == Revision.V2024_11_05)
            {
                Assert.Empty(discovery);
            }
            else
            {
                var rule = Assert.Single(discovery);
                Assert.Equal("auth.discovery-" + revision.ToText(), rule.Id);
                Assert.Equal((RuleLevel.Must, RuleSide.Client), (rule.Level, rule.Side));
            }
        }

        Assert.DoesNotContain(RuleCatalog.All, r => r.Id.StartsWith("auth.", StringComparison.Ordinal) && r.AppliesTo(Revision.V2024_11_05));
    }

    [Fact]
    public void Newer_authorization_checks_do_not_reach_back()
    {
        Assert.Equal("2025-11-25,2026-07-28", RangeOf("auth.pkce-methods-required"));
        Assert.Equal("2026-07-28", RangeOf("auth.issuer-equality"));
        Assert.Equal("2026-07-28", RangeOf("auth.iss-parameter"));
        Assert.False(Rule("auth.resource-parameter").AppliesTo(Revision.V2025_03_26));
        Assert.Equal("2025-03-26", RangeOf("auth.protocol-version-during-discovery"));
    }

    [Fact]
    public void Levels_follow_the_keywords()
    {
        Assert.Equal(RuleLevel.Should, Rule("shttp.message-events").Level);
        Assert.Equal(RuleLevel.Should, Rule("resume.bounded-reconnect").Level);
        Assert.Equal(RuleLevel.Should, Rule("lifecycle.unsupported-version-disconnect").Level);
        Assert.Equal(RuleLevel.Should, Rule("session.missing-400").Level);
        Assert.Equal(RuleLevel.May, Rule("session.delete-405").Level);
        Assert.Equal(RuleLevel.May, Rule("fallback.server-keeps-legacy").Level);
        Assert.Equal(RuleLevel.Must, Rule("session.expired-404-reinit").Level);
        Assert.Equal(RuleSide.Client, Rule("session.expired-404-reinit").Side);
    }

    [Fact]
    public void The_batch_rules_keep_their_ranges()
    {
        Assert.Equal("2025-03-26", RangeOf("jsonrpc.batch-shape"));
        Assert.Equal("2025-03-26", RangeOf("jsonrpc.batch-without-initialize"));
        Assert.Equal("2024-11-05,2025-06-18,2025-11-25,2026-07-28", RangeOf("jsonrpc.no-batch"));
        Assert.Equal("2025-03-26", RangeOf("lifecycle.initialize-not-batched"));
    }

    [Fact]
    public void Typed_fields_and_lookup_return_the_same_rule()
    {
        Assert.Same(RuleCatalog.Transport.MessageEvents, RuleCatalog.Find("shttp.message-events"));
        Assert.Same(RuleCatalog.Session.Expired404, RuleCatalog.Find("session.expired-404"));
        Assert.Same(RuleCatalog.Lifecycle.HeaderRequired, RuleCatalog.Find("version.header-required"));
        Assert.Same(RuleCatalog.Resumability.PrimingNotMessage, RuleCatalog.Find("resume.priming-not-message"));
        Assert.Same(RuleCatalog.Modern.DualEraServer, RuleCatalog.Find("modern.dual-era-server"));
        Assert.Same(RuleCatalog.Fallback.On400404405, RuleCatalog.Find("fallback.400-404-405"));
        Assert.Same(RuleCatalog.Authorization.Discovery20251125, RuleCatalog.Find("auth.discovery-2025-11-25"));
    }
}
