namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>What a JSON-RPC payload is.</summary>
public enum JsonRpcKind : byte
{
    Request,
    Notification,

    /// <summary>A success response (<c>result</c>).</summary>
    Result,

    /// <summary>An error response (<c>error</c>).</summary>
    Error,

    /// <summary>An array of messages; see <see cref="JsonRpcEnvelope.Elements"/>.</summary>
    Batch,

    /// <summary>Not JSON, or JSON that is none of the above; see <see cref="JsonRpcEnvelope.Facts"/>.</summary>
    Invalid,
}

/// <summary>The JSON type of an <c>id</c> member.</summary>
public enum JsonRpcIdKind : byte
{
    Absent,
    String,
    Integer,
    Null,

    /// <summary>A number with a fraction or exponent (<c>1.5</c>, <c>1e3</c>, <c>1.0</c>).</summary>
    NonInteger,

    /// <summary>A boolean, object or array.</summary>
    Other,
}

/// <summary>Why a payload could not be read as JSON at all.</summary>
public enum JsonRpcMalformation : byte
{
    None,

    /// <summary>Not well-formed UTF-8 JSON (includes an empty payload).</summary>
    Syntax,

    /// <summary>Nested deeper than <see cref="JsonRpcLimits.MaxDepth"/>.</summary>
    DepthLimit,

    /// <summary>Larger than <see cref="JsonRpcLimits.MaxSize"/>; not parsed.</summary>
    SizeLimit,

    /// <summary>A batch with more than <see cref="JsonRpcLimits.MaxBatchElements"/> elements.</summary>
    BatchLimit,
}

/// <summary>Observations about a payload's shape. Each one that is a fault maps to one rule in
/// <see cref="Revisions.RuleCatalog.JsonRpc"/>; <see cref="JsonRpcValidator"/> keeps that map.</summary>
[Flags]
public enum JsonRpcFacts : uint
{
    None = 0,
    Malformed = 1 << 0,
    TrailingData = 1 << 1,
    DuplicateMember = 1 << 2,
    BadVersion = 1 << 3,
    BadShape = 1 << 4,
    BadIdType = 1 << 5,
    NullId = 1 << 6,
    ResultAndError = 1 << 7,
    BadErrorObject = 1 << 8,
    NonIntegerErrorCode = 1 << 9,
    ResultWithoutId = 1 << 10,
    ErrorWithoutId = 1 << 11,
    ParamsNotObject = 1 << 12,
    IsBatch = 1 << 13,
    BadBatch = 1 << 14,
    InitializeInBatch = 1 << 15,

    /// <summary>A request without the 2026-07-28 <c>_meta</c> keys (found only when asked).</summary>
    MissingRequestMeta = 1 << 16,

    /// <summary>A result without a valid 2026-07-28 <c>resultType</c> (found only when asked).</summary>
    MissingResultType = 1 << 17,

    /// <summary>Bytes that are not UTF-8 (the JSON reader does not check string contents).</summary>
    InvalidUtf8 = 1 << 18,
}
