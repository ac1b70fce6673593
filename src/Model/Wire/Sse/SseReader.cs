using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace McpFuzz.Model.Wire.Sse;

/// <summary>
/// An incremental reader of <c>text/event-stream</c> bytes that follows the WHATWG "interpreting an
/// event stream" algorithm exactly, and reports what a browser hides: priming events, rejected ids
/// and retries, a BOM, invalid UTF-8, and a stream that ends inside an event.
/// </summary>
/// <remarks>
/// Feed chunks of any size, split anywhere (inside a CRLF, inside a multi-byte character): the
/// tokens are the same as for the whole stream at once. <see cref="Read"/> consumes input up to and
/// including the line that completed a token, buffering a partial line internally, so the caller
/// never re-presents bytes. An event whose single data line lies in the current input (or in the
/// partial-line buffer) is returned as a view without copying. Memory is bounded by
/// <see cref="SseReaderOptions"/>. Not thread-safe; one reader per stream.
/// </remarks>
public sealed class SseReader
{
    private const byte CR = (byte)'\r';
    private const byte LF = (byte)'\n';

    /// <summary>Where the sole data line of the event in progress lives while it is not copied.</summary>
    private enum PendingData : byte
    {
        None,
        Input,
        LineBuffer,
    }

    private readonly SseReaderOptions _options;
    private readonly int _maxLineLength;     // the options, copied into fields for the hot loop
    private readonly int _maxEventSize;
    private readonly long _maxEvents;
    private readonly bool _reportComments;

    private long _position;          // stream offset of input[0] in the current call
    private int _bomState;           // bytes of a leading BOM matched so far; -1 once past the start
    private bool _skipLf;            // the last line ended in CR, so a leading LF belongs to it

    private byte[] _line = [];       // a partial line carried over from earlier input
    private int _lineLength;
    private long _lineStart;
    private bool _lineNonAscii;      // the carried line may hold bytes of 0x80 or more

    private byte[] _data = [];       // the WHATWG data buffer, each line followed by LF
    private int _dataLength;
    private PendingData _pending;
    private int _pendingStart;
    private int _pendingLength;

    private byte[] _type = [];
    private int _typeLength;
    private byte[] _lastId = [];
    private int _lastIdLength;

    private long _blockStart = -1;   // offset of the first field line since the last blank line
    private long _blockRetry = -1;
    private SseEventFlags _blockFlags;
    private bool _blockDataNonAscii; // some data byte may be 0x80 or more, so the data needs validating

    private long _eventCount;
    private long _commentCount;
    private long _reconnectionTime = -1;
    private SseLimit _limit;
    private long _limitOffset = -1;

    public SseReader(SseReaderOptions? options = null)
    {
        _options = options ?? SseReaderOptions.Default;
        _maxLineLength = _options.MaxLineLength;
        _maxEventSize = _options.MaxEventSize;
        _maxEvents = _options.MaxEvents;
        _reportComments = _options.ReportComments;
        Reset();
    }

    public SseReaderOptions Options => _options;

    /// <summary>Stream bytes consumed so far.</summary>
    public long BytesConsumed => _position;

    public long EventCount => _eventCount;

    public long CommentCount => _commentCount;

    /// <summary>The stream began with a UTF-8 BOM, which was skipped.</summary>
    public bool HadBom { get; private set; }

    /// <summary>Some interpreted bytes (event type, data, id, comment) were not UTF-8.</summary>
    public bool SawInvalidUtf8 { get; private set; }

    /// <summary>The persistent last event id (WHATWG "last event ID string").</summary>
    public ReadOnlySpan<byte> LastEventId => _lastId.AsSpan(0, _lastIdLength);

    /// <summary>The reconnection time in milliseconds set by the last valid <c>retry</c>, or -1.
    /// Values too large for a long saturate at <see cref="long.MaxValue"/>.</summary>
    public long ReconnectionTime => _reconnectionTime;

    /// <summary>The limit that stopped this stream, or <see cref="SseLimit.None"/>.</summary>
    public SseLimit Limit => _limit;

    /// <summary>Stream offset of the line or event that broke the limit, or -1.</summary>
    public long LimitOffset => _limitOffset;

    /// <summary>Forgets everything, including the last event id: ready for a new stream.</summary>
    public void Reset()
    {
        _position = 0;
        _bomState = 0;
        _skipLf = false;
        _lineLength = 0;
        _lineStart = 0;
        _lineNonAscii = false;
        _typeLength = 0;
        _lastIdLength = 0;
        ResetBlock();
        _eventCount = 0;
        _commentCount = 0;
        _reconnectionTime = -1;
        _limit = SseLimit.None;
        _limitOffset = -1;
        HadBom = false;
        SawInvalidUtf8 = false;
    }

    /// <summary>
    /// Consumes <paramref name="input"/> until an event or comment is complete, a limit is exceeded,
    /// or the input is exhausted. On <see cref="SseToken.Event"/> or <see cref="SseToken.Comment"/>,
    /// <paramref name="consumed"/> stops just after that line: call again with the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // inlined into a caller, it would starve its own helpers of inlining
    public SseToken Read(ReadOnlySpan<byte> input, out int consumed, out SseEvent item)
    {
        item = default;
        consumed = 0;
        if (_limit != SseLimit.None) return SseToken.LimitExceeded;

        int pos = 0;
        if (_bomState >= 0)
        {
            pos = SkipBom(input);

            // Bytes that only looked like the start of a BOM begin the first line, and that line
            // can already be over a MaxLineLength below 3: stop here, or the limit set while
            // carrying them would be overwritten (with a later offset) and reading would go on.
            if (_limit != SseLimit.None) return Fail(pos, out consumed);
            if (_bomState >= 0)
            {
                // Still inside a possible BOM and out of input.
                _position += input.Length;
                consumed = input.Length;
                return SseToken.NeedMoreData;
            }
        }

        // A long line arriving in small reads: most calls only extend it.
        if (_lineLength > 0 && !_skipLf && pos == 0 && input.IndexOfAny(CR, LF) < 0)
        {
            if (!Carry(input, _position, nonAscii: true)) return Fail(0, out consumed);
            _position += input.Length;
            consumed = input.Length;
            return SseToken.NeedMoreData;
        }

        var scanner = new LineScanner(input);
        while (pos < input.Length)
        {
            if (_skipLf)
            {
                _skipLf = false;
                if (input[pos] == LF)
                {
                    pos++;
                    continue;
                }
            }

            int eol = scanner.Next(pos, out bool nonAscii);
            if (eol < 0)
            {
                if (!Carry(input.Slice(pos), _position + pos, nonAscii)) return Fail(pos, out consumed);
                pos = input.Length;
                break;
            }

            ReadOnlySpan<byte> line;
            long lineStart;
            int lineInInput; // start of the line in input, or -1 when it lives in the carry buffer
            if (_lineLength > 0)
            {
                if (!Carry(input.Slice(pos, eol - pos), _position + pos, nonAscii)) return Fail(pos, out consumed);
                line = _line.AsSpan(0, _lineLength);
                lineStart = _lineStart;
                nonAscii = _lineNonAscii;
                lineInInput = -1;
                _lineLength = 0; // the bytes stay valid until the next carry
                _lineNonAscii = false;
            }
            else
            {
                if (eol - pos > _maxLineLength)
                {
                    _limitOffset = _position + pos;
                    return Fail(pos, SseLimit.LineLength, out consumed);
                }

                line = input.Slice(pos, eol - pos);
                lineStart = _position + pos;
                lineInInput = pos;
            }

            pos = eol + 1;
            if (input[eol] == CR)
            {
                if (pos < input.Length)
                {
                    if (input[pos] == LF) pos++;
                }
                else
                {
                    _skipLf = true;
                }
            }

            SseToken token;
            if (line.IsEmpty) token = Dispatch(input, out item);
            else if (line[0] == (byte)':') token = Comment(line, lineStart, nonAscii, out item);
            else token = ProcessField(input, line, lineStart, lineInInput, nonAscii);
            if (token != SseToken.NeedMoreData)
            {
                if (token == SseToken.LimitExceeded) return Fail(pos, out consumed);

                // A comment can arrive inside an event: the next call gets new input, so the
                // event's data must not keep pointing into this one.
                if (token == SseToken.Comment && _pending == PendingData.Input) MaterializePendingData(input);
                consumed = pos;
                _position += pos;
                return token;
            }
        }

        // The input is used up: anything still pointing into it must be copied before it goes.
        if (_pending == PendingData.Input) MaterializePendingData(input);
        _position += input.Length;
        consumed = input.Length;
        return SseToken.NeedMoreData;
    }

    /// <summary>Reports how the stream ended. An unfinished event is discarded, as WHATWG requires.</summary>
    public SseStreamEnd Complete()
    {
        // A stream stopped by a limit was not read to its end; how much of the offending line
        // had been buffered depends on chunking, so report only the limit.
        if (_limit != SseLimit.None) return new SseStreamEnd(0, false, false, _limit);
        int unterminated = _lineLength + (_bomState > 0 ? _bomState : 0);
        bool discarded = _dataLength > 0 || _pending != PendingData.None;
        return new SseStreamEnd(unterminated, _blockStart >= 0, discarded, _limit);
    }

    private int SkipBom(ReadOnlySpan<byte> input)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        int pos = 0;
        while (_bomState < 3 && pos < input.Length)
        {
            if (input[pos] != bom[_bomState])
            {
                // Not a BOM: the bytes matched so far start the first line.
                if (_bomState > 0) Carry(bom.Slice(0, _bomState), 0, nonAscii: true);
                _bomState = -1;
                return pos;
            }

            _bomState++;
            pos++;
        }

        if (_bomState == 3)
        {
            HadBom = true;
            _bomState = -1;
        }

        return pos;
    }

    private SseToken Comment(ReadOnlySpan<byte> line, long lineStart, bool nonAscii, out SseEvent item)
    {
        ReadOnlySpan<byte> text = line.Slice(1);
        if (nonAscii && !Utf8.IsValid(text)) SawInvalidUtf8 = true;
        long index = _commentCount++;
        if (!_reportComments)
        {
            item = default;
            return SseToken.NeedMoreData;
        }

        item = new SseEvent(default, text, LastEventId, lineStart, index, -1, SseEventFlags.None);
        return SseToken.Comment;
    }

    private SseToken ProcessField(ReadOnlySpan<byte> input, ReadOnlySpan<byte> line, long lineStart, int lineInInput, bool nonAscii)
    {
        if (_blockStart < 0) _blockStart = lineStart;

        // The usual spellings first ("data:", "event:", "id:"), without searching for the colon.
        int nameLength;
        if (line.StartsWith("data:"u8)) nameLength = 4;
        else if (line.StartsWith("event:"u8)) nameLength = 5;
        else if (line.StartsWith("id:"u8)) nameLength = 2;
        else
        {
            int colon = line.IndexOf((byte)':');
            nameLength = colon < 0 ? line.Length : colon;
        }

        ReadOnlySpan<byte> field = line.Slice(0, nameLength);
        int valueStart = nameLength < line.Length ? nameLength + 1 : nameLength;

        if (valueStart < line.Length && line[valueStart] == (byte)' ') valueStart++;
        ReadOnlySpan<byte> value = line.Slice(valueStart);

        switch (field.Length)
        {
            case 4 when field.SequenceEqual("data"u8):
                return AppendData(input, value, lineInInput, valueStart, nonAscii);
            case 5 when field.SequenceEqual("event"u8):
                if (nonAscii) CheckUtf8(value);
                if (value.SequenceEqual("message"u8)) _typeLength = 0; // the default, so nothing to keep
                else Store(ref _type, ref _typeLength, value);
                return SseToken.NeedMoreData;
            case 2 when field.SequenceEqual("id"u8):
                if (value.IndexOf((byte)0) >= 0)
                {
                    _blockFlags |= SseEventFlags.IdRejected;
                    return SseToken.NeedMoreData;
                }

                if (nonAscii) CheckUtf8(value);
                Store(ref _lastId, ref _lastIdLength, value);
                _blockFlags |= SseEventFlags.HasId;
                return SseToken.NeedMoreData;
            case 5 when field.SequenceEqual("retry"u8):
                if (TryParseRetry(value, out long retry))
                {
                    _reconnectionTime = retry;
                    _blockRetry = retry;
                    _blockFlags |= SseEventFlags.HasRetry;
                }
                else
                {
                    _blockFlags |= SseEventFlags.RetryRejected;
                }

                return SseToken.NeedMoreData;
            default:
                return SseToken.NeedMoreData; // unknown fields are ignored
        }
    }

    private void CheckUtf8(ReadOnlySpan<byte> value)
    {
        if (Utf8.IsValid(value)) return;
        _blockFlags |= SseEventFlags.InvalidUtf8;
        SawInvalidUtf8 = true;
    }

    /// <summary>Appends one data line's value, which starts <paramref name="valueStart"/> bytes into
    /// its line; the line starts at <paramref name="lineInInput"/> in the caller's input, or is the
    /// carry buffer when that is -1.</summary>
    private SseToken AppendData(ReadOnlySpan<byte> input, ReadOnlySpan<byte> value, int lineInInput, int valueStart, bool nonAscii)
    {
        long size = (long)_dataLength + (_pending != PendingData.None ? _pendingLength + 1 : 0) + value.Length + 1;
        if (size > _maxEventSize)
        {
            _limit = SseLimit.EventSize;
            _limitOffset = _blockStart;
            return SseToken.LimitExceeded;
        }

        _blockDataNonAscii |= nonAscii;
        if (_dataLength == 0 && _pending == PendingData.None)
        {
            // The common case, one data line per event: keep a view, copy only if it would be lost.
            _pending = lineInInput >= 0 ? PendingData.Input : PendingData.LineBuffer;
            _pendingStart = lineInInput >= 0 ? lineInInput + valueStart : valueStart;
            _pendingLength = value.Length;
            return SseToken.NeedMoreData;
        }

        if (_pending != PendingData.None) MaterializePendingData(input);
        EnsureCapacity(ref _data, _dataLength + value.Length + 1);
        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        _data[_dataLength++] = LF;
        return SseToken.NeedMoreData;
    }

    private ReadOnlySpan<byte> PendingSpan(ReadOnlySpan<byte> input) => _pending == PendingData.Input
        ? input.Slice(_pendingStart, _pendingLength)
        : _line.AsSpan(_pendingStart, _pendingLength);

    private void MaterializePendingData(ReadOnlySpan<byte> input)
    {
        ReadOnlySpan<byte> pending = PendingSpan(input);
        EnsureCapacity(ref _data, _dataLength + pending.Length + 1);
        pending.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += pending.Length;
        _data[_dataLength++] = LF;
        _pending = PendingData.None;
    }

    private SseToken Dispatch(ReadOnlySpan<byte> input, out SseEvent item)
    {
        item = default;
        if (_dataLength == 0 && _pending == PendingData.None)
        {
            // WHATWG: an empty data buffer resets data and type and dispatches nothing.
            ResetBlock();
            _typeLength = 0;
            return SseToken.NeedMoreData;
        }

        if (_eventCount >= _maxEvents)
        {
            _limit = SseLimit.EventCount;
            _limitOffset = _blockStart;
            return SseToken.LimitExceeded;
        }

        ReadOnlySpan<byte> data = _pending != PendingData.None
            ? PendingSpan(input)
            : _data.AsSpan(0, _dataLength - 1); // drop the final LF

        SseEventFlags flags = _blockFlags;
        if (_blockDataNonAscii && !Utf8.IsValid(data))
        {
            flags |= SseEventFlags.InvalidUtf8;
            SawInvalidUtf8 = true;
        }

        ReadOnlySpan<byte> type = _typeLength == 0 ? "message"u8 : _type.AsSpan(0, _typeLength);
        item = new SseEvent(type, data, LastEventId, _blockStart, _eventCount++, _blockRetry, flags);
        ResetBlock();
        _typeLength = 0; // the view above keeps the bytes until the next call
        return SseToken.Event;
    }

    private void ResetBlock()
    {
        _dataLength = 0;
        _pending = PendingData.None;
        _blockStart = -1;
        _blockRetry = -1;
        _blockFlags = SseEventFlags.None;
        _blockDataNonAscii = false;
    }

    private bool Carry(ReadOnlySpan<byte> bytes, long offset, bool nonAscii)
    {
        if (_lineLength == 0)
        {
            // A new partial line will overwrite the buffer: a data view into it must be copied first.
            if (_pending == PendingData.LineBuffer) MaterializePendingData(default);
            _lineStart = offset;
        }

        if ((long)_lineLength + bytes.Length > _maxLineLength)
        {
            _limit = SseLimit.LineLength;
            _limitOffset = _lineStart;
            return false;
        }

        EnsureCapacity(ref _line, _lineLength + bytes.Length);
        bytes.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += bytes.Length;
        _lineNonAscii |= nonAscii;
        return true;
    }

    private SseToken Fail(int pos, out int consumed) => Fail(pos, _limit, out consumed);

    private SseToken Fail(int pos, SseLimit limit, out int consumed)
    {
        _limit = limit;
        _position += pos;
        consumed = pos;
        return SseToken.LimitExceeded;
    }

    /// <summary>WHATWG: apply only if the value is ASCII digits. An empty value is not a number.</summary>
    private static bool TryParseRetry(ReadOnlySpan<byte> value, out long retry)
    {
        retry = 0;
        if (value.IsEmpty) return false;
        foreach (byte b in value)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9) return false;
            retry = retry > (long.MaxValue - digit) / 10 ? long.MaxValue : retry * 10 + digit;
        }

        return true;
    }

    private static void Store(ref byte[] buffer, ref int length, ReadOnlySpan<byte> value)
    {
        EnsureCapacity(ref buffer, value.Length);
        value.CopyTo(buffer);
        length = value.Length;
    }

    private static void EnsureCapacity(ref byte[] buffer, int needed)
    {
        if (buffer.Length >= needed) return;
        int size = Math.Max(needed, Math.Max(64, buffer.Length * 2));
        if ((uint)size > (uint)Array.MaxLength) size = Math.Max(needed, Array.MaxLength);
        var grown = new byte[size];
        buffer.AsSpan().CopyTo(grown);
        buffer = grown;
    }
}
