namespace McpFuzz.Model.Revisions;

using static Revision;

public static partial class RuleCatalog
{
    /// <summary>Rules on the shape of a single JSON-RPC payload (one HTTP body, one SSE data field,
    /// one stdio line). They are checked by <see cref="Wire.JsonRpc.JsonRpcValidator"/>.</summary>
    public static class JsonRpc
    {
        public static readonly Rule JsonSyntax = new(
            "json.syntax", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "2024-11-05/basic/messages",
            "A payload is well-formed UTF-8 JSON (all messages MUST follow JSON-RPC 2.0, which is JSON).");

        public static readonly Rule Utf8 = new(
            "json.utf8", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "RFC 8259 section 8.1; 2025-03-26/basic/transports#stdio",
            "A payload is UTF-8; receivers that replace or reject bad bytes see different messages.");

        public static readonly Rule SingleValue = new(
            "json.single-value", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "2024-11-05/basic/messages",
            "A payload is exactly one JSON value; nothing but whitespace follows it.");

        public static readonly Rule UniqueMembers = new(
            "json.unique-members", RuleLevel.Should, RuleSide.Both, RevisionSet.All,
            "RFC 8259 section 4",
            "Member names within a JSON-RPC envelope are unique; receivers disagree on which duplicate wins.");

        public static readonly Rule Version = new(
            "jsonrpc.version", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "2024-11-05/basic/messages",
            "The `jsonrpc` member is present and is exactly the string \"2.0\".");

        public static readonly Rule MessageShape = new(
            "jsonrpc.message-shape", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "2024-11-05/basic/messages",
            "An object is a request or notification (string `method`) or a response (`result` or `error`).");

        public static readonly Rule IdType = new(
            "jsonrpc.id-type", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "2024-11-05/basic/messages#requests",
            "An `id` is a string or an integer (no fractional or exponent form, no boolean, object or array).");

        public static readonly Rule IdNotNull = new(
            "jsonrpc.id-not-null", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "2024-11-05/basic/messages#requests",
            "An `id` is never null (unlike base JSON-RPC); an error without a readable request id omits `id`.");

        public static readonly Rule ResultXorError = new(
            "jsonrpc.result-xor-error", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "2024-11-05/basic/messages#responses",
            "A response carries exactly one of `result` and `error`.");

        public static readonly Rule ErrorObject = new(
            "jsonrpc.error-object", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "2024-11-05/basic/messages#responses",
            "An `error` is an object with a `code` and a string `message`.");

        public static readonly Rule ErrorCodeInteger = new(
            "jsonrpc.error-code-integer", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "2024-11-05/basic/messages#responses",
            "An error `code` is an integer.");

        public static readonly Rule ResultId = new(
            "jsonrpc.result-id", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "2024-11-05/basic/messages#responses",
            "A result response carries the id of the request it answers.");

        public static readonly Rule ErrorId = new(
            "jsonrpc.error-id", RuleLevel.Must, RuleSide.Both, RevisionSet.Range(V2024_11_05, V2025_06_18),
            "schema/2025-06-18/schema.ts#JSONRPCError",
            "An error response carries an `id` (optional only from 2025-11-25, when the request id could not be read).");

        public static readonly Rule ParamsObject = new(
            "jsonrpc.params-object", RuleLevel.Must, RuleSide.Both, RevisionSet.All,
            "schema/2024-11-05/schema.ts#Request",
            "`params`, when present, is an object.");

        public static readonly Rule NoBatch = new(
            "jsonrpc.no-batch", RuleLevel.Must, RuleSide.Both, RevisionSet.All.Except(RevisionSet.Of(V2025_03_26)),
            "2025-06-18/changelog",
            "A payload is a single message, not an array: batching exists only in 2025-03-26.");

        public static readonly Rule BatchShape = new(
            "jsonrpc.batch-shape", RuleLevel.Must, RuleSide.Both, RevisionSet.Of(V2025_03_26),
            "2025-03-26/basic/index#batching",
            "A batch is a non-empty array of requests and notifications, or of responses, and nothing else.");

        public static readonly Rule BatchWithoutInitialize = new(
            "jsonrpc.batch-without-initialize", RuleLevel.Must, RuleSide.Both, RevisionSet.Of(V2025_03_26),
            "2025-03-26/basic/lifecycle#initialization",
            "`initialize` is never part of a batch.");

        public static readonly Rule RequestMeta = new(
            "jsonrpc.request-meta", RuleLevel.Must, RuleSide.Both, RevisionSet.From(V2026_07_28),
            "2026-07-28/basic/index#_meta",
            "Every request carries `params._meta` with `io.modelcontextprotocol/protocolVersion` (string) and `io.modelcontextprotocol/clientCapabilities` (object).");

        public static readonly Rule ResultType = new(
            "jsonrpc.result-type", RuleLevel.Must, RuleSide.Both, RevisionSet.From(V2026_07_28),
            "2026-07-28/basic/index#resulttype",
            "Every result is an object carrying `resultType` \"complete\" or \"input_required\".");
    }

    private static IEnumerable<Rule> JsonRpcRules() =>
    [
        JsonRpc.JsonSyntax, JsonRpc.Utf8, JsonRpc.SingleValue, JsonRpc.UniqueMembers, JsonRpc.Version, JsonRpc.MessageShape,
        JsonRpc.IdType, JsonRpc.IdNotNull, JsonRpc.ResultXorError, JsonRpc.ErrorObject, JsonRpc.ErrorCodeInteger,
        JsonRpc.ResultId, JsonRpc.ErrorId, JsonRpc.ParamsObject, JsonRpc.NoBatch, JsonRpc.BatchShape,
        JsonRpc.BatchWithoutInitialize, JsonRpc.RequestMeta, JsonRpc.ResultType,
    ];
}
