using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>
/// Classifies a UTF-8 JSON-RPC payload by reading only its top-level members (and the members of
/// <c>error</c>) with <see cref="Utf8JsonReader"/>, skipping every other value. It never throws
/// on bad input: malformed JSON, excess depth or size are results.
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

        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = limits.MaxDepth });
        try
        {
            if (!reader.Read()) return Invalid(JsonRpcMalformation.Syntax, 0, "empty payload");

            JsonRpcEnvelope envelope = reader.TokenType switch
            {
                JsonTokenType.StartObject => ReadMessage(ref reader, payload),
                JsonTokenType.StartArray => ReadBatch(ref reader, payload, limits),
                _ => ReadScalar(ref reader),
            };

            if (envelope.Malformation != JsonRpcMalformation.None) return envelope;
            if (!Utf8.IsValid(payload)) envelope = envelope with { Facts = envelope.Facts | JsonRpcFacts.InvalidUtf8 };

            int end = (int)reader.BytesConsumed;
            int trailing = SkipWhitespace(payload, end);
            if (trailing < payload.Length)
            {
                envelope = envelope with { Facts = envelope.Facts | JsonRpcFacts.TrailingData, FaultOffset = trailing };
            }

            return envelope;
        }
        catch (JsonException e)
        {
            // Utf8JsonReader reports depth overflow as a JsonException like any syntax error; it is
            // the one failure that happens while opening a container one level below the maximum.
            int next = SkipWhitespace(payload, (int)reader.BytesConsumed);
            bool tooDeep = reader.CurrentDepth >= limits.MaxDepth - 1 && next < payload.Length && payload[next] is (byte)'[' or (byte)'{';
            return Invalid(tooDeep ? JsonRpcMalformation.DepthLimit : JsonRpcMalformation.Syntax, reader.BytesConsumed, e.Message);
        }
    }

    private static JsonRpcEnvelope Invalid(JsonRpcMalformation why, long offset, string message) => new()
    {
        Kind = JsonRpcKind.Invalid,
        Facts = JsonRpcFacts.Malformed,
        Malformation = why,
        FaultOffset = offset,
        FaultMessage = message,
    };

    private static JsonRpcEnvelope ReadScalar(ref Utf8JsonReader reader) => new()
    {
        // Valid JSON, but a string, number, boolean or null is no message.
        Kind = JsonRpcKind.Invalid,
        Facts = JsonRpcFacts.BadShape,
        Span = new ByteRange((int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex)),
    };

    /// <summary>Reads one object whose StartObject is the current token, leaving the reader on its EndObject.</summary>
    private static JsonRpcEnvelope ReadMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> payload)
    {
        int start = (int)reader.TokenStartIndex;
        int seen = 0;
        JsonRpcFacts facts = JsonRpcFacts.None;
        bool versionOk = false, methodIsString = false, paramsIsObject = false, errorWellFormed = false;
        JsonRpcIdKind idKind = JsonRpcIdKind.Absent;
        ByteRange id = ByteRange.None, method = ByteRange.None, parameters = ByteRange.None, result = ByteRange.None, error = ByteRange.None;
        long? errorCode = null;
        List<byte[]>? otherNames = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int member = Identify(ref reader);
            if (member == 0)
            {
                if (IsDuplicateOther(ref reader, ref otherNames)) facts |= JsonRpcFacts.DuplicateMember;
            }
            else if ((seen & member) != 0)
            {
                facts |= JsonRpcFacts.DuplicateMember; // the last occurrence wins, as in most parsers
            }

            seen |= member;
            reader.Read();
            int valueStart = (int)reader.TokenStartIndex;
            JsonTokenType token = reader.TokenType;
            switch (member)
            {
                case MemberJsonRpc:
                    versionOk = token == JsonTokenType.String && TextEquals(ref reader, "2.0"u8);
                    SkipValue(ref reader);
                    break;
                case MemberId:
                    idKind = token switch
                    {
                        JsonTokenType.String => JsonRpcIdKind.String,
                        JsonTokenType.Number => JsonText.IsIntegerToken(reader.ValueSpan) ? JsonRpcIdKind.Integer : JsonRpcIdKind.NonInteger,
                        JsonTokenType.Null => JsonRpcIdKind.Null,
                        _ => JsonRpcIdKind.Other,
                    };
                    SkipValue(ref reader);
                    id = RangeFrom(valueStart, ref reader);
                    break;
                case MemberMethod:
                    methodIsString = token == JsonTokenType.String;
                    SkipValue(ref reader);
                    method = methodIsString ? RangeFrom(valueStart, ref reader) : ByteRange.None;
                    break;
                case MemberParams:
                    paramsIsObject = token == JsonTokenType.StartObject;
                    SkipValue(ref reader);
                    parameters = RangeFrom(valueStart, ref reader);
                    break;
                case MemberResult:
                    SkipValue(ref reader);
                    result = RangeFrom(valueStart, ref reader);
                    break;
                case MemberError:
                    errorWellFormed = token == JsonTokenType.StartObject && ReadErrorObject(ref reader, out errorCode, ref facts);
                    if (token != JsonTokenType.StartObject) SkipValue(ref reader);
                    error = RangeFrom(valueStart, ref reader);
                    break;
                default:
                    SkipValue(ref reader);
                    break;
            }
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
            Span = new ByteRange(start, (int)reader.BytesConsumed - start),
        };
    }

    /// <summary>Reads the members of an <c>error</c> object; true when it has a code and a string message.
    /// A code that is not an integer is its own fact.</summary>
    private static bool ReadErrorObject(ref Utf8JsonReader reader, out long? code, ref JsonRpcFacts facts)
    {
        code = null;
        bool hasCode = false, hasMessage = false;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int member = ErrorMember(ref reader);
            if (member != 0 && (seen & member) != 0) facts |= JsonRpcFacts.DuplicateMember;
            seen |= member;
            reader.Read();
            if (member == 1)
            {
                hasCode = true;
                bool integer = reader.TokenType == JsonTokenType.Number && JsonText.IsIntegerToken(reader.ValueSpan);
                if (!integer) facts |= JsonRpcFacts.NonIntegerErrorCode;
                code = integer && reader.TryGetInt64(out long value) ? value : null;
            }
            else if (member == 2)
            {
                hasMessage = reader.TokenType == JsonTokenType.String;
            }

            SkipValue(ref reader);
        }

        return hasCode && hasMessage;
    }

    private static JsonRpcEnvelope ReadBatch(ref Utf8JsonReader reader, ReadOnlySpan<byte> payload, JsonRpcLimits limits)
    {
        int start = (int)reader.TokenStartIndex;
        var elements = new List<JsonRpcEnvelope>();
        JsonRpcFacts facts = JsonRpcFacts.IsBatch;
        bool requests = false, responses = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (elements.Count == limits.MaxBatchElements)
            {
                return Invalid(JsonRpcMalformation.BatchLimit, reader.TokenStartIndex, $"batch has more than {limits.MaxBatchElements} elements");
            }

            JsonRpcEnvelope element;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                element = ReadMessage(ref reader, payload);
            }
            else
            {
                int elementStart = (int)reader.TokenStartIndex;
                reader.Skip();
                element = new JsonRpcEnvelope
                {
                    Kind = JsonRpcKind.Invalid,
                    Facts = JsonRpcFacts.BadShape,
                    Span = RangeFrom(elementStart, ref reader),
                };
            }

            requests |= element.IsRequestOrNotification;
            responses |= element.IsResponse;
            if (element.Kind == JsonRpcKind.Invalid) facts |= JsonRpcFacts.BadBatch;
            if (element.Kind == JsonRpcKind.Request && element.MethodIs(payload, "initialize"u8)) facts |= JsonRpcFacts.InitializeInBatch;
            elements.Add(element);
        }

        if (elements.Count == 0 || (requests && responses)) facts |= JsonRpcFacts.BadBatch;
        return new JsonRpcEnvelope
        {
            Kind = JsonRpcKind.Batch,
            Facts = facts,
            Elements = elements,
            Span = new ByteRange(start, (int)reader.BytesConsumed - start),
        };
    }

    /// <summary>Which envelope member the current property name is (0 for any other).</summary>
    private static int Identify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            ReadOnlySpan<byte> name = reader.ValueSpan;
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

        // An escaped name ("\u0069d") names the same member once unescaped.
        if (reader.ValueTextEquals("id"u8)) return MemberId;
        if (reader.ValueTextEquals("error"u8)) return MemberError;
        if (reader.ValueTextEquals("method"u8)) return MemberMethod;
        if (reader.ValueTextEquals("params"u8)) return MemberParams;
        if (reader.ValueTextEquals("result"u8)) return MemberResult;
        if (reader.ValueTextEquals("jsonrpc"u8)) return MemberJsonRpc;
        return 0;
    }

    /// <summary>Remembers a member name outside the envelope's own and reports a repeat. Such
    /// members are rare, so the list is only allocated when one appears.</summary>
    private static bool IsDuplicateOther(ref Utf8JsonReader reader, ref List<byte[]>? names)
    {
        byte[] name = System.Text.Encoding.UTF8.GetBytes(reader.GetString() ?? "");
        names ??= [];
        foreach (byte[] earlier in names)
        {
            if (earlier.AsSpan().SequenceEqual(name)) return true;
        }

        names.Add(name);
        return false;
    }

    /// <summary>Which member of an error object the current property name is: code 1, message 2, data 4, other 0.</summary>
    private static int ErrorMember(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return reader.ValueTextEquals("code"u8) ? 1 : reader.ValueTextEquals("message"u8) ? 2 : reader.ValueTextEquals("data"u8) ? 4 : 0;
        }

        ReadOnlySpan<byte> name = reader.ValueSpan;
        return name.Length switch
        {
            4 when name.SequenceEqual("code"u8) => 1,
            7 when name.SequenceEqual("message"u8) => 2,
            4 when name.SequenceEqual("data"u8) => 4,
            _ => 0,
        };
    }

    /// <summary>Compares the current string or name with <paramref name="text"/>; the byte comparison
    /// answers unless escapes are involved.</summary>
    private static bool TextEquals(ref Utf8JsonReader reader, ReadOnlySpan<byte> text) =>
        reader.ValueIsEscaped ? reader.ValueTextEquals(text) : reader.ValueSpan.SequenceEqual(text);

    /// <summary>Moves past the current value; only containers need the reader's Skip.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
    }

    private static ByteRange RangeFrom(int start, ref Utf8JsonReader reader) => new(start, (int)reader.BytesConsumed - start);

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

    private static int SkipWhitespace(ReadOnlySpan<byte> payload, int index)
    {
        while (index < payload.Length && payload[index] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') index++;
        return index;
    }
}
