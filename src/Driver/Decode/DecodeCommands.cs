using System.CommandLine;
using System.Text;
using McpFuzz.Driver.Cli;
using McpFuzz.Driver.Inputs;
using McpFuzz.Driver.Output;
using McpFuzz.Driver.Transcripts;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Decode;

/// <summary><c>mcpfuzz decode sse|jsonrpc</c>: what a WHATWG client and a JSON-RPC peer see in captured bytes.</summary>
public static class DecodeCommands
{
    public static Command Create(Terminal terminal) => new("decode", "Decode captured traffic and print one JSON object per event or message (JSON Lines).")
    {
        Sse(terminal),
        JsonRpc(terminal),
    };

    private static Argument<string?> FileArgument() => new("FILE")
    {
        Description = "The captured bytes: a raw body, `curl -v` output, or a raw HTTP response. '-' or nothing reads standard input.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Option<string?> SampleOption() => new("--sample", "-s")
    {
        Description = "Decode an embedded sample instead of FILE ('all' for every one; `mcpfuzz samples` lists them).",
        HelpName = "NAME",
    };

    private static Option<TranscriptFormat> FormatOption() => new("--format", "-f")
    {
        Description = "What the input holds; auto decides from its first bytes.",
        DefaultValueFactory = _ => TranscriptFormat.Auto,
    };

    private static Command Sse(Terminal terminal)
    {
        var file = FileArgument();
        var sample = SampleOption();
        var format = FormatOption();
        var classify = new Option<bool>("--jsonrpc", "-j") { Description = "Also classify each event's data as a JSON-RPC payload and list the rules it breaks." };
        var revision = RevisionOption.Create("With --jsonrpc: check the rules of this revision only (default: every revision, each violation naming where it holds).");
        var maxLine = Options.Positive("--max-line-length", SseReaderOptions.Default.MaxLineLength, "Longest line in bytes before the stream is cut off.");
        var maxEvent = Options.Positive("--max-event-size", SseReaderOptions.Default.MaxEventSize, "Largest event data in bytes before the stream is cut off.");
        var maxEvents = Options.Positive("--max-events", SseReaderOptions.Default.MaxEvents, "Most events read from one stream.");

        var command = new Command("sse", "Decode a text/event-stream exactly as a WHATWG EventSource would, plus what it hides: priming events, rejected ids and retries, a BOM, invalid UTF-8, a stream that ends inside an event.")
        {
            file, sample, format, classify, revision, maxLine, maxEvent, maxEvents,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = new SseDecodeSettings(
                new SseReaderOptions
                {
                    MaxLineLength = parse.GetValue(maxLine),
                    MaxEventSize = parse.GetValue(maxEvent),
                    MaxEvents = parse.GetValue(maxEvents),
                },
                parse.GetValue(classify),
                parse.GetValue(revision));
            var output = new JsonLines(terminal.Out);
            var tally = new DecodeTally();
            foreach (var input in Inputs.Inputs.Resolve(parse.GetValue(file), parse.GetValue(sample), terminal.OpenInput))
            {
                await DecodeSseAsync(input, parse.GetValue(format), settings, output, tally, cancellation);
            }

            return Finish(terminal, tally);
        });
        return command;
    }

    private static Command JsonRpc(Terminal terminal)
    {
        var file = FileArgument();
        var sample = SampleOption();
        var format = FormatOption();
        var revision = RevisionOption.Create("Check the rules of this revision only (default: every revision, each violation naming where it holds).");
        var lines = new Option<bool>("--lines", "-l") { Description = "The body holds one payload per line (stdio framing) instead of one payload." };

        var command = new Command("jsonrpc", "Classify JSON-RPC payloads (request, notification, result, error, batch, invalid) and list the rules of the MCP revisions they break. In a transcript: request bodies, JSON response bodies and the data of every SSE event.")
        {
            file, sample, format, revision, lines,
        };
        command.SetAction((parse, cancellation) =>
        {
            var settings = new SseDecodeSettings(SseReaderOptions.Default, true, parse.GetValue(revision));
            var output = new JsonLines(terminal.Out);
            var tally = new DecodeTally();
            foreach (var input in Inputs.Inputs.Resolve(parse.GetValue(file), parse.GetValue(sample), terminal.OpenInput))
            {
                cancellation.ThrowIfCancellationRequested();
                byte[] bytes = input.ReadAll();
                switch (Resolve(parse.GetValue(format), bytes))
                {
                    case TranscriptFormat.Curl:
                        new TranscriptDecoder(output, settings, tally).DecodeJsonRpc(input.Name, CurlTranscript.Parse(Encoding.UTF8.GetString(bytes)));
                        break;
                    case TranscriptFormat.Http:
                        new TranscriptDecoder(output, settings, tally).DecodeJsonRpc(input.Name, [RawHttpResponse.Parse(bytes)]);
                        break;
                    default:
                        DecodePayloads(input.Name, bytes, parse.GetValue(lines), settings.Revision, output, tally);
                        break;
                }
            }

            return Task.FromResult(Finish(terminal, tally));
        });
        return command;
    }

    private static async Task DecodeSseAsync(InputSource input, TranscriptFormat format, SseDecodeSettings settings, JsonLines output, DecodeTally tally, CancellationToken cancellation)
    {
        await using Stream stream = input.Open();
        byte[] head = new byte[16 * 1024];
        int length = await ReadHeadAsync(stream, head, cancellation);
        format = Resolve(format, head.AsSpan(0, length));
        if (format == TranscriptFormat.Body)
        {
            // Stream the body: a live `curl -N ... | mcpfuzz decode sse` prints events as they come.
            var decoder = new SseDecoder(output, settings, tally, json => json.WriteString("input", input.Name));
            decoder.Feed(head.AsSpan(0, length));
            await decoder.FeedAsync(stream, cancellation);
            decoder.Complete();
            return;
        }

        using var rest = new MemoryStream();
        rest.Write(head, 0, length);
        await stream.CopyToAsync(rest, cancellation);
        if (rest.Length > InputSource.MaxWholeInput) throw new UsageException($"{input.Name}: transcript larger than {InputSource.MaxWholeInput / (1024 * 1024)} MiB");
        var transcripts = new TranscriptDecoder(output, settings, tally);
        if (format == TranscriptFormat.Curl) transcripts.DecodeSse(input.Name, CurlTranscript.Parse(Encoding.UTF8.GetString(rest.ToArray())));
        else transcripts.DecodeSse(input.Name, [RawHttpResponse.Parse(rest.ToArray())]);
    }

    private static void DecodePayloads(string name, byte[] bytes, bool perLine, Revision? revision, JsonLines output, DecodeTally tally)
    {
        if (!perLine)
        {
            output.Write(json => MessageJson.Decode(json, bytes, revision, tally, json => json.WriteString("input", name)));
            return;
        }

        int start = 0, line = 0;
        while (start < bytes.Length)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0) end = bytes.Length;
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            int lineNumber = ++line;
            if (stop > start)
            {
                byte[] payload = bytes.AsSpan(start, stop - start).ToArray();
                output.Write(json => MessageJson.Decode(json, payload, revision, tally, json =>
                {
                    json.WriteString("input", name);
                    json.WriteNumber("line", lineNumber);
                }));
            }

            start = end + 1;
        }
    }

    private static TranscriptFormat Resolve(TranscriptFormat format, ReadOnlySpan<byte> head) =>
        format == TranscriptFormat.Auto ? TranscriptFormats.Detect(head) : format;

    private static async Task<int> ReadHeadAsync(Stream stream, byte[] head, CancellationToken cancellation)
    {
        // Enough bytes to recognise a transcript; a live stream may deliver them slowly, so stop at the first line break.
        int length = 0;
        while (length < head.Length)
        {
            int read = await stream.ReadAsync(head.AsMemory(length), cancellation);
            if (read == 0) break;
            length += read;
            if (Array.IndexOf(head, (byte)'\n', 0, length) >= 0) break;
        }

        return length;
    }

    private static int Finish(Terminal terminal, DecodeTally tally)
    {
        terminal.Error.WriteLine($"mcpfuzz decode: {tally.Summary()}");
        return tally.HasFindings ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
