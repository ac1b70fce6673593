using System.Globalization;
using System.Text;

namespace McpFuzz.Tests.Wire.Sse;

/// <summary>The deviations of System.Net.ServerSentEvents.SseParser (10.0) from WHATWG, so that
/// the reference below can predict that parser too.</summary>
[Flags]
public enum SseParserDeviations
{
    None = 0,

    /// <summary>A block with no data does not reset the event type.</summary>
    KeepsTypeAfterEmptyDispatch = 1,

    /// <summary><c>retry</c> is parsed with <c>long.TryParse(NumberStyles.None)</c>, which allows
    /// trailing NUL characters, and values beyond <see cref="TimeSpan.MaxValue"/> are ignored.</summary>
    LenientRetry = 2,

    /// <summary>An <c>event</c> field with an empty value gives type "" instead of "message".
    /// Not in the notes' list: found by the differential test below.</summary>
    EmptyTypeStaysEmpty = 4,

    All = KeepsTypeAfterEmptyDispatch | LenientRetry | EmptyTypeStaysEmpty,
}

public sealed record ReferenceEvent(string Type, string Data, string LastEventId);

/// <summary>
/// A deliberately naive transcription of WHATWG HTML "interpreting an event stream": decode the
/// whole stream as UTF-8 with replacement, strip one BOM, split into lines, apply the field rules.
/// It is slow and obviously right; the real readers are compared against it.
/// </summary>
public static class WhatwgReference
{
    public static (List<ReferenceEvent> Events, long ReconnectionTime, string LastEventId) Parse(byte[] stream, SseParserDeviations deviations = SseParserDeviations.None)
    {
        string text = Encoding.UTF8.GetString(stream);
        if (text.StartsWith('\uFEFF')) text = text.Substring(1);

        var events = new List<ReferenceEvent>();
        string data = "", lastId = "";
        string? type = null; // null: no event field since the last dispatch
        long reconnection = -1;
        int position = 0;
        while (true)
        {
            int eol = text.IndexOfAny(['\r', '\n'], position);
            if (eol < 0) break; // an unterminated last line is never processed
            string line = text.Substring(position, eol - position);
            position = eol + 1;
            if (text[eol] == '\r' && position < text.Length && text[position] == '\n') position++;

            if (line.Length == 0)
            {
                if (data.Length == 0)
                {
                    data = "";
                    if ((deviations & SseParserDeviations.KeepsTypeAfterEmptyDispatch) == 0) type = null;
                    continue;
                }

                if (data.EndsWith('\n')) data = data.Substring(0, data.Length - 1);
                bool keepEmpty = (deviations & SseParserDeviations.EmptyTypeStaysEmpty) != 0 && type is not null;
                events.Add(new ReferenceEvent(string.IsNullOrEmpty(type) && !keepEmpty ? "message" : type!, data, lastId));
                data = "";
                type = null;
                continue;
            }

            if (line[0] == ':') continue;

            int colon = line.IndexOf(':');
            string field = colon < 0 ? line : line.Substring(0, colon);
            string value = colon < 0 ? "" : line.Substring(colon + 1);
            if (value.StartsWith(' ')) value = value.Substring(1);

            switch (field)
            {
                case "event": type = value; break;
                case "data": data += value + "\n"; break;
                case "id": if (!value.Contains('\0')) lastId = value; break;
                case "retry":
                    if ((deviations & SseParserDeviations.LenientRetry) != 0)
                    {
                        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long lenient) && lenient <= (long)TimeSpan.MaxValue.TotalMilliseconds)
                            reconnection = lenient;
                    }
                    else if (value.Length > 0 && value.All(c => c is >= '0' and <= '9'))
                    {
                        reconnection = decimal.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out decimal d) && d <= long.MaxValue ? (long)d : long.MaxValue;
                    }

                    break;
            }
        }

        return (events, reconnection, lastId);
    }
}
