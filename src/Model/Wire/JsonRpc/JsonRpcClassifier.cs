using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>
/// Classifies a UTF-8 JSON-RPC payload by reading only its top-level members (and the members of
/// <c>error</c>), validating and skipping every other value with <see cref="JsonCursor"/>. It never
/// throws on bad input: malformed JSON, excess depth or size are results.
/// </summary>
public static class JsonRpcClassifier
{
    private const int MemberJsonRpc = 1;
    private const int MemberId = 2;
    private const int MemberMethod = 4;
    private const int MemberParams = 8;
    private const int MemberResult = 16;
    private const int MemberError = 32;

    public static JsonRpcEnvelope Classify(ReadOnlySpan<byte> payload, JsonRpcLimits? limits = null)
    {
        limits ??= JsonRpcLimits.Default;
        if (payload.Length > limits.MaxSize)
        {
            return Invalid(JsonRpcMalformation.SizeLimit, limits.MaxSize, $"payload of {payload.Length} bytes exceeds the limit of {limits.MaxSize}");
        }

        var cursor = new JsonCursor(payload, limits.MaxDepth);
        cursor.SkipWhitespace();
        int start = cursor.Position;
        JsonRpcEnvelope? envelope = cursor.Current switch
        {
            (byte)'{' => ReadMessage(ref cursor, payload),
            (byte)'[' => ReadBatch(ref cursor, payload, limits),
            _ => cursor.SkipValue(0) ? Scalar(start, cursor.Position) : null,
        };

        if (envelope is null) return Malformed(ref cursor);
        if (envelope.Malformation != JsonRpcMalformation.None) return envelope;
        cursor.SkipWhitespace();
        bool trailing = !cursor.AtEnd;
        if (trailing) envelope = envelope with { Facts = envelope.Facts | JsonRpcFacts.TrailingData, FaultOffset = cursor.Position };

        // Only strings (and trailing garbage) can hold non-ASCII bytes in a payload that parsed.
        if ((cursor.SawNonAscii || trailing) && !Utf8.IsValid(payload)) envelope = envelope with { Facts = envelope.Facts | JsonRpcFacts.InvalidUtf8 };
        return envelope;
    }

    private static JsonRpcEnvelope Malformed(ref JsonCursor cursor) => Invalid(
        cursor.Error == JsonSyntaxError.TooDeep ? JsonRpcMalformation.DepthLimit : JsonRpcMalformation.Syntax,
        cursor.ErrorOffset,
        cursor.Error switch
        {
            JsonSyntaxError.UnexpectedEnd => "the JSON ends early",
            JsonSyntaxError.UnexpectedByte => "a byte that cannot start or continue a JSON value here",
            JsonSyntaxError.InvalidString => "a string with a control byte or a bad escape",
            JsonSyntaxError.InvalidNumber => "a malformed number",
            JsonSyntaxError.InvalidLiteral => "a misspelled true, false or null",
            JsonSyntaxError.TooDeep => "nested deeper than the limit",
            _ => "not JSON",
        });

    private static JsonRpcEnvelope Invalid(JsonRpcMalformation why, long offset, string message) => new()
    {
        Kind = JsonRpcKind.Invalid,
        Facts = JsonRpcFacts.Malformed,
        Malformation = why,
        FaultOffset = offset,
        FaultMessage = message,
    };

    // Valid JSON, but a string, number, boolean or null is no message.
    private static JsonRpcEnvelope Scalar(int start, int end) => new()
    {
        Kind = JsonRpcKind.Invalid,
        Facts = JsonRpcFacts.BadShape,
        Span = new ByteRange(start, end - start),
    };

    /// <summary>Reads one message object at the cursor ('{' at depth 0 or inside a batch); null on a syntax error.</summary>
    private static JsonRpcEnvelope? ReadMessage(ref JsonCursor cursor, ReadOnlySpan<byte> payload, int depth = 0)
    {
        int start = cursor.Position;
        int seen = 0;
        JsonRpcFacts facts = JsonRpcFacts.None;
        bool versionOk = false, methodIsString = false, paramsIsObject = false, errorWellFormed = false;
        JsonRpcIdKind idKind = JsonRpcIdKind.Absent;
        ByteRange id = ByteRange.None, method = ByteRange.None, parameters = ByteRange.None, result = ByteRange.None, error = ByteRange.None;
        long? errorCode = null;
        List<string>? otherNames = null;

        if (!cursor.Open((byte)'}', depth, out bool empty)) return null;
        for (bool more = !empty; more;)
        {
            if (!cursor.ReadName(out ByteRange nameRange, out bool escaped)) return null;
            ReadOnlySpan<byte> name = nameRange.Of(payload);
            int member = Identify(name, escaped);
            if (member == 0)
            {
                if (IsRepeated(name, ref otherNames)) facts |= JsonRpcFacts.DuplicateMember;
            }
            else if ((seen & member) != 0)
            {
                facts |= JsonRpcFacts.DuplicateMember; // the last occurrence wins, as in most parsers
            }

            seen |= member;
            cursor.SkipWhitespace();
            int valueStart = cursor.Position;
            byte first = cursor.Current;
            switch (member)
            {
                case MemberJsonRpc:
                    if (!cursor.SkipValue(depth + 1)) return null;
                    versionOk = first == '"' && JsonText.StringEquals(payload[valueStart..cursor.Position], "2.0"u8);
                    break;
                case MemberId:
                    if (first == '-' || (uint)(first - '0') <= 9)
                    {
                        if (!cursor.SkipNumber(out bool integer)) return null;
                        idKind = integer ? JsonRpcIdKind.Integer : JsonRpcIdKind.NonInteger;
                    }
                    else
                    {
                        if (!cursor.SkipValue(depth + 1)) return null;
                        idKind = first switch
                        {
                            (byte)'"' => JsonRpcIdKind.String,
                            (byte)'n' => JsonRpcIdKind.Null,
                            _ => JsonRpcIdKind.Other,
                        };
                    }

                    id = new ByteRange(valueStart, cursor.Position - valueStart);
                    break;
                case MemberMethod:
                    if (!cursor.SkipValue(depth + 1)) return null;
                    methodIsString = first == '"';
                    method = methodIsString ? new ByteRange(valueStart, cursor.Position - valueStart) : ByteRange.None;
                    break;
                case MemberParams:
                    if (!cursor.SkipValue(depth + 1)) return null;
                    paramsIsObject = first == '{';
                    parameters = new ByteRange(valueStart, cursor.Position - valueStart);
                    break;
                case MemberResult:
                    if (!cursor.SkipValue(depth + 1)) return null;
                    result = new ByteRange(valueStart, cursor.Position - valueStart);
                    break;
                case MemberError:
                    if (first == '{')
                    {
                        if (!ReadErrorObject(ref cursor, payload, depth + 1, out errorCode, ref facts, out errorWellFormed)) return null;
                    }
                    else
                    {
                        if (!cursor.SkipValue(depth + 1)) return null;
                        errorWellFormed = false;
                    }

                    error = new ByteRange(valueStart, cursor.Position - valueStart);
                    break;
                default:
                    if (!cursor.SkipValue(depth + 1)) return null;
                    break;
            }

            if (!cursor.Next((byte)'}', out more)) return null;
        }

        if (!versionOk) facts |= JsonRpcFacts.BadVersion;
        if (idKind == JsonRpcIdKind.Null) facts |= JsonRpcFacts.NullId;
        if (idKind is JsonRpcIdKind.NonInteger or JsonRpcIdKind.Other) facts |= JsonRpcFacts.BadIdType;
        if ((seen & MemberParams) != 0 && !paramsIsObject) facts |= JsonRpcFacts.ParamsNotObject;

        bool hasId = (seen & MemberId) != 0;
        bool hasResult = (seen & MemberResult) != 0;
        bool hasError = (seen & MemberError) != 0;
        JsonRpcKind kind;
        if ((seen & MemberMethod) != 0)
        {
            kind = methodIsString ? (hasId ? JsonRpcKind.Request : JsonRpcKind.Notification) : JsonRpcKind.Invalid;
            if (!methodIsString || hasResult || hasError) facts |= JsonRpcFacts.BadShape;
        }
        else if (hasResult && hasError)
        {
            kind = JsonRpcKind.Invalid;
            facts |= JsonRpcFacts.ResultAndError;
        }
        else if (hasResult)
        {
            kind = JsonRpcKind.Result;
            if (!hasId) facts |= JsonRpcFacts.ResultWithoutId;
        }
        else if (hasError)
        {
            kind = JsonRpcKind.Error;
            if (!hasId) facts |= JsonRpcFacts.ErrorWithoutId;
            if (!errorWellFormed) facts |= JsonRpcFacts.BadErrorObject;
        }
        else
        {
            kind = JsonRpcKind.Invalid;
            facts |= JsonRpcFacts.BadShape;
        }

        return new JsonRpcEnvelope
        {
            Kind = kind,
            Facts = facts,
            IdKind = idKind,
            Id = id,
            Method = method,
            Params = parameters,
            Result = result,
            Error = error,
            ErrorCode = errorCode,
            Span = new ByteRange(start, cursor.Position - start),
        };
    }

    /// <summary>Reads the members of an <c>error</c> object at the cursor. <paramref name="wellFormed"/>
    /// when it has a code and a string message; a code that is not an integer is its own fact.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps ReadMessage's frame small for the common messages
    private static bool ReadErrorObject(ref JsonCursor cursor, ReadOnlySpan<byte> payload, int depth, out long? code, ref JsonRpcFacts facts, out bool wellFormed)
    {
        code = null;
        wellFormed = false;
        bool hasCode = false, hasMessage = false;
        int seen = 0;
        if (!cursor.Open((byte)'}', depth, out bool empty)) return false;
        for (bool more = !empty; more;)
        {
            if (!cursor.ReadName(out ByteRange name, out bool escaped)) return false;
            int member = ErrorMember(name.Of(payload), escaped);
            if (member != 0 && (seen & member) != 0) facts |= JsonRpcFacts.DuplicateMember;
            seen |= member;
            cursor.SkipWhitespace();
            int valueStart = cursor.Position;
            byte first = cursor.Current;
            if (member == 1 && (first == '-' || (uint)(first - '0') <= 9))
            {
                hasCode = true;
                if (!cursor.SkipNumber(out bool integer)) return false;
                if (!integer) facts |= JsonRpcFacts.NonIntegerErrorCode;
                code = integer ? ParseInteger(payload[valueStart..cursor.Position]) : null;
            }
            else
            {
                if (!cursor.SkipValue(depth + 1)) return false;
                if (member == 1)
                {
                    hasCode = true;
                    facts |= JsonRpcFacts.NonIntegerErrorCode;
                    code = null;
                }
                else if (member == 2)
                {
                    hasMessage = first == '"';
                }
            }

            if (!cursor.Next((byte)'}', out more)) return false;
        }

        wellFormed = hasCode && hasMessage;
        return true;
    }

    private static JsonRpcEnvelope? ReadBatch(ref JsonCursor cursor, ReadOnlySpan<byte> payload, JsonRpcLimits limits)
    {
        int start = cursor.Position;
        var elements = new List<JsonRpcEnvelope>();
        JsonRpcFacts facts = JsonRpcFacts.IsBatch;
        bool requests = false, responses = false;
        if (!cursor.Open((byte)']', 0, out bool empty)) return null;
        for (bool more = !empty; more;)
        {
            cursor.SkipWhitespace();
            if (elements.Count == limits.MaxBatchElements)
            {
                return Invalid(JsonRpcMalformation.BatchLimit, cursor.Position, $"batch has more than {limits.MaxBatchElements} elements");
            }

            JsonRpcEnvelope? element;
            int elementStart = cursor.Position;
            if (cursor.Current == '{')
            {
                element = ReadMessage(ref cursor, payload, depth: 1);
            }
            else
            {
                element = cursor.SkipValue(1)
                    ? new JsonRpcEnvelope { Kind = JsonRpcKind.Invalid, Facts = JsonRpcFacts.BadShape, Span = new ByteRange(elementStart, cursor.Position - elementStart) }
                    : null;
            }

            if (element is null) return null;
            requests |= element.IsRequestOrNotification;
            responses |= element.IsResponse;
            if (element.Kind == JsonRpcKind.Invalid) facts |= JsonRpcFacts.BadBatch;
            if (element.Kind == JsonRpcKind.Request && element.MethodIs(payload, "initialize"u8)) facts |= JsonRpcFacts.InitializeInBatch;
            elements.Add(element);

            if (!cursor.Next((byte)']', out more)) return null;
        }

        if (elements.Count == 0 || (requests && responses)) facts |= JsonRpcFacts.BadBatch;
        return new JsonRpcEnvelope
        {
            Kind = JsonRpcKind.Batch,
            Facts = facts,
            Elements = elements,
            Span = new ByteRange(start, cursor.Position - start),
        };
    }

    /// <summary>Which envelope member a name token (with quotes) is; 0 for any other.</summary>
    private static int Identify(ReadOnlySpan<byte> token, bool escaped)
    {
        if (escaped)
        {
            // An escaped name ("\u0069d") names the same member once unescaped; rare, so decode it.
            return JsonText.DecodeString(token) switch
            {
                "id" => MemberId,
                "error" => MemberError,
                "method" => MemberMethod,
                "params" => MemberParams,
                "result" => MemberResult,
                "jsonrpc" => MemberJsonRpc,
                _ => 0,
            };
        }

        ReadOnlySpan<byte> name = token[1..^1];
        return name.Length switch
        {
            2 when name.SequenceEqual("id"u8) => MemberId,
            5 when name.SequenceEqual("error"u8) => MemberError,
            6 when name.SequenceEqual("method"u8) => MemberMethod,
            6 when name.SequenceEqual("params"u8) => MemberParams,
            6 when name.SequenceEqual("result"u8) => MemberResult,
            7 when name.SequenceEqual("jsonrpc"u8) => MemberJsonRpc,
            _ => 0,
        };
    }

    /// <summary>Which member of an error object a name token is: code 1, message 2, data 4, other 0.</summary>
    private static int ErrorMember(ReadOnlySpan<byte> token, bool escaped)
    {
        if (escaped)
        {
            return JsonText.DecodeString(token) switch { "code" => 1, "message" => 2, "data" => 4, _ => 0 };
        }

        ReadOnlySpan<byte> name = token[1..^1];
        return name.Length switch
        {
            4 when name.SequenceEqual("code"u8) => 1,
            7 when name.SequenceEqual("message"u8) => 2,
            4 when name.SequenceEqual("data"u8) => 4,
            _ => 0,
        };
    }

    /// <summary>Remembers a member name outside the envelope's own and reports a repeat. Such
    /// members are rare, so the list is only allocated when one appears.</summary>
    private static bool IsRepeated(ReadOnlySpan<byte> token, ref List<string>? names)
    {
        string name = JsonText.DecodeString(token);
        names ??= [];
        if (names.Contains(name)) return true;
        names.Add(name);
        return false;
    }

    /// <summary>The value of a validated integer token, or null when it does not fit a long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long? ParseInteger(ReadOnlySpan<byte> token)
    {
        bool negative = token[0] == '-';
        ulong magnitude = 0;
        foreach (byte b in negative ? token[1..] : token)
        {
            ulong digit = (ulong)(b - '0');
            if (magnitude > (ulong.MaxValue - digit) / 10) return null;
            magnitude = magnitude * 10 + digit;
        }

        if (negative) return magnitude <= (ulong)long.MaxValue + 1 ? (long)(0 - magnitude) : null;
        return magnitude <= long.MaxValue ? (long)magnitude : null;
    }

    /// <summary>Offset of the first byte sequence that is not UTF-8, or -1.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> payload)
    {
        Span<char> scratch = stackalloc char[512];
        int offset = 0;
        while (offset < payload.Length)
        {
            OperationStatus status = Utf8.ToUtf16(payload.Slice(offset), scratch, out int read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status == OperationStatus.InvalidData) return offset;
            if (status == OperationStatus.Done) return -1;
        }

        return -1;
    }
}
