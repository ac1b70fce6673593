using System.Text;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Tests.Wire.JsonRpc;

public class JsonRpcClassifierTests
{
    private static JsonRpcEnvelope Classify(string json) => JsonRpcClassifier.Classify(Encoding.UTF8.GetBytes(json));

    /// <summary>Rule ids broken under <paramref name="revision"/> (2025-06-18 unless given).</summary>
    private static string[] RulesBroken(string json, Revision revision = Revision.V2025_06_18)
    {
        byte[] payload = Encoding.UTF8.GetBytes(json);
        return JsonRpcValidator.Validate(payload, JsonRpcClassifier.Classify(payload), revision).Select(v => v.Rule.Id).Distinct().ToArray();
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", JsonRpcKind.Request)]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", JsonRpcKind.Notification)]
    [InlineData("""{"jsonrpc":"2.0","id":"a","result":{}}""", JsonRpcKind.Result)]
    [InlineData("""{"result":null,"id":1,"jsonrpc":"2.0"}""", JsonRpcKind.Result)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"no"}}""", JsonRpcKind.Error)]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""", JsonRpcKind.Batch)]
    [InlineData("""{"jsonrpc":"2.0"}""", JsonRpcKind.Invalid)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"m"}}""", JsonRpcKind.Invalid)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":7}""", JsonRpcKind.Invalid)]
    [InlineData("""42""", JsonRpcKind.Invalid)]
    [InlineData("""{"jsonrpc":""", JsonRpcKind.Invalid)]
    public void Payloads_are_classified_by_their_members(string json, JsonRpcKind kind) => Assert.Equal(kind, Classify(json).Kind);

    [Fact]
    public void A_conforming_request_breaks_no_rule_in_any_legacy_revision()
    {
        Assert.Empty(RulesBroken("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", Revision.V2025_06_18));
    }

    [Fact]
    public void The_id_is_kept_exactly_as_sent()
    {
        byte[] payload = """{"jsonrpc":"2.0","id":"\u0041b","method":"m"}"""u8.ToArray();
        var e = JsonRpcClassifier.Classify(payload);
        Assert.Equal(JsonRpcIdKind.String, e.IdKind);
        Assert.Equal("\"\\u0041b\"", e.IdText(payload));

        byte[] big = """{"jsonrpc":"2.0","id":9007199254740993,"method":"m"}"""u8.ToArray();
        Assert.Equal("9007199254740993", JsonRpcClassifier.Classify(big).IdText(big));
    }

    [Theory]
    [InlineData("null", JsonRpcIdKind.Null, "jsonrpc.id-not-null")]
    [InlineData("1.5", JsonRpcIdKind.NonInteger, "jsonrpc.id-type")]
    [InlineData("1e3", JsonRpcIdKind.NonInteger, "jsonrpc.id-type")]
    [InlineData("1.0", JsonRpcIdKind.NonInteger, "jsonrpc.id-type")]
    [InlineData("true", JsonRpcIdKind.Other, "jsonrpc.id-type")]
    [InlineData("{}", JsonRpcIdKind.Other, "jsonrpc.id-type")]
    [InlineData("[1]", JsonRpcIdKind.Other, "jsonrpc.id-type")]
    public void Ids_that_are_not_strings_or_integers_are_flagged(string id, JsonRpcIdKind kind, string rule)
    {
        string json = $$"""{"jsonrpc":"2.0","id":{{id}},"method":"ping"}""";
        Assert.Equal(kind, Classify(json).IdKind);
        Assert.Equal([rule], RulesBroken(json));
    }

    [Fact]
    public void An_error_with_a_null_id_breaks_the_MCP_rule_though_JSON_RPC_allows_it()
    {
        // The TypeScript SDK answers HTTP-level errors this way (wire sample server-discover-probe).
        string json = """{"jsonrpc":"2.0","error":{"code":-32000,"message":"Bad Request: Server not initialized"},"id":null}""";
        var e = Classify(json);
        Assert.Equal(JsonRpcKind.Error, e.Kind);
        Assert.Equal(-32000, e.ErrorCode);
        Assert.Equal(["jsonrpc.id-not-null"], RulesBroken(json));
    }

    [Theory]
    [InlineData(Revision.V2024_11_05, true)]
    [InlineData(Revision.V2025_06_18, true)]
    [InlineData(Revision.V2025_11_25, false)]
    [InlineData(Revision.V2026_07_28, false)]
    public void An_error_without_an_id_is_allowed_from_2025_11_25(Revision revision, bool broken)
    {
        string json = """{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"}}""";
        Assert.Equal(broken, RulesBroken(json, revision).Contains("jsonrpc.error-id"));
    }

    [Fact]
    public void A_result_without_an_id_is_never_allowed()
    {
        Assert.Equal(["jsonrpc.result-id"], RulesBroken("""{"jsonrpc":"2.0","result":{}}""", Revision.V2025_11_25));
    }

    [Theory]
    [InlineData("""{"id":1,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":2.0,"id":1,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0 ","id":1,"method":"ping"}""")]
    public void The_version_must_be_exactly_the_string_2_0(string json) => Assert.Equal(["jsonrpc.version"], RulesBroken(json));

    [Fact]
    public void An_escaped_version_string_is_still_2_0() => Assert.Empty(RulesBroken("""{"jsonrpc":"\u0032.0","id":1,"method":"ping"}"""));

    [Fact]
    public void Result_and_error_together_break_result_xor_error()
    {
        Assert.Equal(["jsonrpc.result-xor-error"], RulesBroken("""{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"m"}}"""));
    }

    [Theory]
    [InlineData("""{"code":"-32600","message":"m"}""", new[] { "jsonrpc.error-code-integer" })]
    [InlineData("""{"code":-32600.5,"message":"m"}""", new[] { "jsonrpc.error-code-integer" })]
    [InlineData("""{"message":"m"}""", new[] { "jsonrpc.error-object" })]
    [InlineData("""{"code":-32600}""", new[] { "jsonrpc.error-object" })]
    [InlineData("""{"code":-32600,"message":1}""", new[] { "jsonrpc.error-object" })]
    [InlineData("\"boom\"", new[] { "jsonrpc.error-object" })]
    public void The_error_object_has_an_integer_code_and_a_string_message(string error, string[] rules)
    {
        Assert.Equal(rules, RulesBroken($$"""{"jsonrpc":"2.0","id":1,"error":{{error}}}"""));
    }

    [Fact]
    public void The_error_code_is_read_as_an_integer()
    {
        Assert.Equal(-32602, Classify("""{"jsonrpc":"2.0","id":1,"error":{"message":"m","data":{"code":5},"code":-32602}}""").ErrorCode);
    }

    [Fact]
    public void Params_must_be_an_object() =>
        Assert.Equal(["jsonrpc.params-object"], RulesBroken("""{"jsonrpc":"2.0","id":1,"method":"m","params":[1,2]}"""));

    [Fact]
    public void Duplicate_members_are_flagged_and_the_last_one_wins()
    {
        string json = """{"jsonrpc":"2.0","id":1,"method":"a","method":"b"}""";
        byte[] payload = Encoding.UTF8.GetBytes(json);
        Assert.Equal("b", JsonRpcClassifier.Classify(payload).MethodName(payload));
        Assert.Equal(["json.unique-members"], RulesBroken(json));
        Assert.Equal(["json.unique-members"], RulesBroken("""{"jsonrpc":"2.0","id":1,"method":"a","x":1,"x":2}"""));
        Assert.Equal(["json.unique-members"], RulesBroken("""{"jsonrpc":"2.0","id":1,"\u0069d":2,"method":"a"}"""));
    }

    [Fact]
    public void Trailing_data_is_flagged_at_its_offset_and_the_message_still_classified()
    {
        var e = Classify("""{"jsonrpc":"2.0","method":"m"} x""");
        Assert.Equal(JsonRpcKind.Notification, e.Kind);
        Assert.Equal(31, e.FaultOffset);
        Assert.Equal(["json.single-value"], RulesBroken("""{"jsonrpc":"2.0","method":"m"}{}"""));
        Assert.Empty(RulesBroken("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}\r\n \t"));
    }

    [Theory]
    [InlineData("", JsonRpcMalformation.Syntax)]
    [InlineData("{", JsonRpcMalformation.Syntax)]
    [InlineData("{\"a\":}", JsonRpcMalformation.Syntax)]
    [InlineData("\uFEFF{}", JsonRpcMalformation.Syntax)]
    [InlineData("{'a':1}", JsonRpcMalformation.Syntax)]
    public void Malformed_JSON_is_a_result_with_a_reason(string json, JsonRpcMalformation why)
    {
        var e = Classify(json);
        Assert.Equal(JsonRpcKind.Invalid, e.Kind);
        Assert.Equal(why, e.Malformation);
        Assert.True(e.FaultOffset >= 0);
        Assert.Equal(["json.syntax"], RulesBroken(json));
    }

    [Fact]
    public void Depth_and_size_limits_are_results()
    {
        string deep = new string('[', 100) + new string(']', 100);
        var tooDeep = JsonRpcClassifier.Classify(Encoding.UTF8.GetBytes(deep), new JsonRpcLimits { MaxDepth = 10 });
        Assert.Equal(JsonRpcMalformation.DepthLimit, tooDeep.Malformation);

        var tooBig = JsonRpcClassifier.Classify(new byte[100], new JsonRpcLimits { MaxSize = 10 });
        Assert.Equal(JsonRpcMalformation.SizeLimit, tooBig.Malformation);

        string batch = "[" + string.Join(",", Enumerable.Repeat("""{"jsonrpc":"2.0","method":"m"}""", 5)) + "]";
        var tooMany = JsonRpcClassifier.Classify(Encoding.UTF8.GetBytes(batch), new JsonRpcLimits { MaxBatchElements = 4 });
        Assert.Equal(JsonRpcMalformation.BatchLimit, tooMany.Malformation);
    }

    [Fact]
    public void Invalid_UTF8_inside_a_string_is_flagged()
    {
        byte[] payload = [.. """{"jsonrpc":"2.0","method":"a"""u8, 0xFF, .. "\"}"u8];
        var violations = JsonRpcValidator.Validate(payload, JsonRpcClassifier.Classify(payload));
        var v = Assert.Single(violations);
        Assert.Equal("json.utf8", v.Rule.Id);
        Assert.Contains("byte 28", v.Detail);
    }

    [Theory]
    [InlineData(Revision.V2024_11_05, new[] { "jsonrpc.no-batch" })]
    [InlineData(Revision.V2025_03_26, new string[0])]
    [InlineData(Revision.V2025_06_18, new[] { "jsonrpc.no-batch" })]
    [InlineData(Revision.V2026_07_28, new[] { "jsonrpc.no-batch", "jsonrpc.request-meta" })]
    public void Batches_are_legal_only_in_2025_03_26(Revision revision, string[] rules)
    {
        string json = """[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/x"}]""";
        Assert.Equal(rules, RulesBroken(json, revision));
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":1,"result":{}}]""")]
    [InlineData("""[1]""")]
    [InlineData("""[[{"jsonrpc":"2.0","method":"m"}]]""")]
    public void A_2025_03_26_batch_is_a_non_empty_array_of_one_direction(string json) =>
        Assert.Contains("jsonrpc.batch-shape", RulesBroken(json, Revision.V2025_03_26));

    [Fact]
    public void Initialize_never_goes_in_a_batch()
    {
        string json = """[{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}]""";
        Assert.Equal(["jsonrpc.batch-without-initialize"], RulesBroken(json, Revision.V2025_03_26));
    }

    [Fact]
    public void Batch_elements_are_classified_and_their_violations_name_the_element()
    {
        byte[] payload = """[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":null,"method":"ping"}]"""u8.ToArray();
        var e = JsonRpcClassifier.Classify(payload);
        Assert.Equal([JsonRpcKind.Request, JsonRpcKind.Request], e.Elements.Select(x => x.Kind));
        var v = Assert.Single(JsonRpcValidator.Validate(payload, e, Revision.V2025_03_26));
        Assert.Equal(("jsonrpc.id-not-null", 1), (v.Rule.Id, v.Element));
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", true)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}""", true)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":[]}}}""", true)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""", false)]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}""", false)]
    public void Requests_in_2026_07_28_carry_the_version_and_capabilities_in_meta(string json, bool broken)
    {
        Assert.Equal(broken, RulesBroken(json, Revision.V2026_07_28).Contains("jsonrpc.request-meta"));
        Assert.DoesNotContain("jsonrpc.request-meta", RulesBroken(json, Revision.V2025_11_25));
    }

    [Theory]
    [InlineData("""{}""", true)]
    [InlineData("""{"resultType":"complete"}""", false)]
    [InlineData("""{"resultType":"input_required","inputRequests":{}}""", false)]
    [InlineData("""{"resultType":"partial"}""", true)]
    [InlineData("""[]""", true)]
    public void Results_in_2026_07_28_carry_a_known_result_type(string result, bool broken)
    {
        string json = $$"""{"jsonrpc":"2.0","id":1,"result":{{result}}}""";
        Assert.Equal(broken, RulesBroken(json, Revision.V2026_07_28).Contains("jsonrpc.result-type"));
        Assert.DoesNotContain("jsonrpc.result-type", RulesBroken(json, Revision.V2025_11_25));
    }

    [Fact]
    public void Ranges_slice_params_and_result_exactly()
    {
        byte[] payload = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"m":[1,{"x":"}"}]}}}"""u8.ToArray();
        var e = JsonRpcClassifier.Classify(payload);
        Assert.Equal("""{"name":"echo","arguments":{"m":[1,{"x":"}"}]}}""", Encoding.UTF8.GetString(e.Params.Of(payload)));
        Assert.Equal("echo", JsonRpcMembers.FindString(e.Params.Of(payload), "name"u8));
        Assert.True(e.MethodIs(payload, "tools/call"u8));
        Assert.False(e.MethodIs(payload, "tools/cal"u8));
    }

    [Fact]
    public void Without_a_revision_every_rule_that_holds_anywhere_is_reported_with_its_revisions()
    {
        byte[] payload = """[{"jsonrpc":"2.0","id":1,"method":"initialize"}]"""u8.ToArray();
        var violations = JsonRpcValidator.Validate(payload, JsonRpcClassifier.Classify(payload));
        Assert.Equal(
            ["jsonrpc.no-batch", "jsonrpc.batch-without-initialize", "jsonrpc.request-meta"],
            violations.Select(v => v.Rule.Id));
        Assert.Equal("2024-11-05,2025-06-18,2025-11-25,2026-07-28", violations[0].Rule.Revisions.ToString());
        Assert.Equal("2025-03-26", violations[1].Rule.Revisions.ToString());
        Assert.Equal([-1, -1, 0], violations.Select(v => v.Element));
    }

    [Fact]
    public void Every_rule_a_fact_maps_to_is_in_the_catalog()
    {
        foreach (JsonRpcFacts fact in Enum.GetValues<JsonRpcFacts>().Where(f => f != JsonRpcFacts.None))
        {
            var rule = JsonRpcValidator.RuleFor(fact);
            Assert.Same(rule, RuleCatalog.Find(rule.Id));
        }
    }
}
