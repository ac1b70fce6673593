using System.Text;
using FsCheck;
using FsCheck.Fluent;
using System.Text.Unicode;
using McpFuzz.Fuzzer.Generators;
using McpFuzz.Fuzzer.Targets;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Tests.Wire.JsonRpc;

public class JsonRpcProperties
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(2000).WithQuietOnSuccess(true);

    [Fact]
    public void Written_messages_classify_back_to_what_was_written()
    {
        Check.One(Many, Prop.ForAll(JsonRpcGenerators.Messages.ToArbitrary(), draft =>
        {
            byte[] payload = JsonRpcWriter.Write(draft);
            var e = JsonRpcClassifier.Classify(payload);
            JsonRpcKind expected = draft.Method is not null ? (draft.Id is null ? JsonRpcKind.Notification : JsonRpcKind.Request)
                : draft.Result is not null ? JsonRpcKind.Result : JsonRpcKind.Error;
            Assert.Equal(expected, e.Kind);
            Assert.Equal(draft.Id, e.IdText(payload));
            Assert.Equal(draft.Method, e.MethodName(payload));
            Assert.Equal(draft.Params, e.Params.IsPresent ? Encoding.UTF8.GetString(e.Params.Of(payload)) : null);
            Assert.Equal(draft.Result, e.Result.IsPresent ? Encoding.UTF8.GetString(e.Result.Of(payload)) : null);
            Assert.Equal(draft.Error, e.Error.IsPresent ? Encoding.UTF8.GetString(e.Error.Of(payload)) : null);
            Assert.Equal(new ByteRange(0, payload.Length), e.Span);
            Assert.Empty(JsonRpcValidator.Validate(payload, e, Revision.V2025_11_25));
        }));
    }

    [Fact]
    public void Batches_classify_element_by_element()
    {
        var batches = Gen.ListOf(JsonRpcGenerators.Messages).Select(l => l.Take(5).ToArray());
        Check.One(Many, Prop.ForAll(batches.ToArbitrary(), drafts =>
        {
            byte[] payload = JsonRpcWriter.WriteBatch(drafts);
            var e = JsonRpcClassifier.Classify(payload);
            Assert.Equal(JsonRpcKind.Batch, e.Kind);
            Assert.Equal(drafts.Length, e.Elements.Count);
            for (int i = 0; i < drafts.Length; i++)
            {
                var single = JsonRpcClassifier.Classify(JsonRpcWriter.Write(drafts[i]));
                Assert.Equal(single.Kind, e.Elements[i].Kind);
                Assert.Equal(drafts[i].Id, e.Elements[i].IdText(payload));
            }
        }));
    }

    [Fact]
    public void The_streaming_classifier_agrees_with_a_DOM_classifier()
    {
        var payloads = Gen.OneOf(
            JsonRpcGenerators.Drafts.Select(JsonRpcWriter.Write),
            Gen.ListOf(JsonRpcGenerators.Drafts).Select(l => JsonRpcWriter.WriteBatch(l.Take(4))),
            JsonRpcGenerators.JsonValues.Select(Encoding.UTF8.GetBytes));
        Check.One(Many, Prop.ForAll(payloads.ToArbitrary(), payload =>
        {
            var streaming = JsonRpcClassifier.Classify(payload);
            var dom = JsonRpcDomClassifier.Classify(payload, maxDepth: 64);
            string context = Encoding.UTF8.GetString(payload);
            if (!dom.Parsed)
            {
                // System.Text.Json rejects the first value (bad JSON, deeper than 64, or bytes that
                // are not UTF-8, which the classifier may report as a fact instead).
                Assert.True(streaming.Has(JsonRpcFacts.Malformed) || (!Utf8.IsValid(payload) && streaming.Has(JsonRpcFacts.InvalidUtf8)), context);
            }
            else if (dom.Facts.HasFlag(JsonRpcFacts.TrailingData))
            {
                // Something trails the first value: the classifier reports it or a syntax error
                // there, and with the trailing part cut off both must agree again.
                Assert.True(streaming.Has(JsonRpcFacts.Malformed) || streaming.Has(JsonRpcFacts.TrailingData), context);
                if (streaming.Has(JsonRpcFacts.Malformed)) return;
                byte[] head = payload.AsSpan(0, (int)streaming.FaultOffset).ToArray();
                var headDom = JsonRpcDomClassifier.Classify(head, maxDepth: 64);
                Assert.True(headDom.Parsed, context);
                Assert.Equal(DomView.Of(headDom), DomView.Of(JsonRpcClassifier.Classify(head), head));
            }
            else
            {
                Assert.False(streaming.Has(JsonRpcFacts.TrailingData), context);
                Assert.Equal(DomView.Of(dom), DomView.Of(streaming, payload));
            }
        }));
    }

    [Fact]
    public void Arbitrary_bytes_never_throw_and_always_classify()
    {
        var bytes = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            JsonRpcGenerators.Drafts.Select(JsonRpcWriter.Write).SelectMany(p => Gen.Choose(0, p.Length).Select(n => p.AsSpan(0, n).ToArray())));
        Check.One(Many, Prop.ForAll(bytes.ToArbitrary(), payload =>
        {
            var e = JsonRpcClassifier.Classify(payload, new JsonRpcLimits { MaxDepth = 8, MaxSize = 4096 });
            foreach (Revision r in Revisions.All) JsonRpcValidator.Validate(payload, e, r);
            Assert.True(e.Kind != JsonRpcKind.Invalid || e.Facts != JsonRpcFacts.None);
        }));
    }
}
