using System.Text;
using McpFuzz.Driver.Transcripts;

namespace McpFuzz.Driver.Wire;

/// <summary>The exchanges of a recording of HTTP traffic, whichever way it was recorded (see
/// <see cref="TrafficFormat"/>), with the parts that could not be used. Reading never throws on
/// the recording's content: what cannot be used is reported in <see cref="Problems"/> and skipped.</summary>
/// <param name="Format">How the recording was read (never <see cref="TrafficFormat.Auto"/>).</param>
/// <param name="Exchanges">In the order the recording lists the requests, numbered from zero.</param>
public sealed record RecordedTraffic(TrafficFormat Format, IReadOnlyList<WireExchange> Exchanges, IReadOnlyList<TrafficProblem> Problems)
{
    /// <summary>Reads the file at <paramref name="path"/>; throws only when it cannot be opened or read.</summary>
    public static RecordedTraffic Read(string path, TrafficFormat format = TrafficFormat.Auto, TrafficLimits? limits = null)
    {
        using var file = File.OpenRead(path);
        return Read(file, format, limits);
    }

    /// <summary>Reads <paramref name="input"/> to its end (it need not seek; it is not disposed);
    /// throws only when the stream itself fails.</summary>
    public static RecordedTraffic Read(Stream input, TrafficFormat format = TrafficFormat.Auto, TrafficLimits? limits = null)
    {
        limits ??= TrafficLimits.Default;
        byte[] head = ReadHead(input);
        if (format == TrafficFormat.Auto) format = TrafficFormats.Detect(head);
        var whole = new PrefixedStream(head, input);
        if (format == TrafficFormat.WireLog)
        {
            var log = WireLogReader.Read(whole, limits.Log);
            return new(format, log.Exchanges, log.Problems.Select(p => TrafficProblem.AtLine(p.Line, p.Reason)).ToArray());
        }

        using var document = new MemoryStream();
        if (!TryReadDocument(whole, document, limits.MaxDocumentLength))
            return new(format, [], [TrafficProblem.InFile($"larger than {limits.MaxDocumentLength} bytes; not read")]);
        var bytes = document.GetBuffer().AsSpan(0, (int)document.Length);
        return format == TrafficFormat.Har ? HarTranscript.Parse(bytes, limits.Log) : Curl(bytes);
    }

    private static RecordedTraffic Curl(ReadOnlySpan<byte> bytes)
    {
        var exchanges = TranscriptExchanges.From(CurlTranscript.Parse(Encoding.UTF8.GetString(bytes)));
        if (exchanges.Count > 0 || bytes.Trim(" \t\r\n"u8).IsEmpty) return new(TrafficFormat.Curl, exchanges, []);
        string reason = TranscriptFormats.Detect(bytes) == TranscriptFormat.Http
            ? "a raw HTTP response records no request; give `curl -v` output, a HAR file or a wire log"
            : "not a wire log, a HAR file or `curl -v` output (no request lines \"> \")";
        return new(TrafficFormat.Curl, exchanges, [TrafficProblem.InFile(reason)]);
    }

    /// <summary>The first bytes, enough for <see cref="TrafficFormats.Detect"/> (fewer at the end of the input).</summary>
    private static byte[] ReadHead(Stream input)
    {
        byte[] head = new byte[TrafficFormats.HeadLength];
        int length = 0, read;
        while (length < head.Length && (read = input.Read(head.AsSpan(length))) > 0) length += read;
        return head.AsSpan(0, length).ToArray();
    }

    /// <summary>Copies <paramref name="input"/> into <paramref name="into"/>; false when it is longer than <paramref name="max"/>.</summary>
    private static bool TryReadDocument(Stream input, MemoryStream into, int max)
    {
        byte[] buffer = new byte[80 * 1024];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            if (into.Length + read > max) return false;
            into.Write(buffer, 0, read);
        }

        return true;
    }
}
