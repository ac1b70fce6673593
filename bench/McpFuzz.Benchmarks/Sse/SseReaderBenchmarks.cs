using System.Net.ServerSentEvents;
using System.Text;
using BenchmarkDotNet.Attributes;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Benchmarks.Sse;

/// <summary>
/// Whole streams of about 1 MiB read from a <see cref="Stream"/> by each parser. Both parsers pay
/// the same stream reads; SseParser&lt;string&gt; is the baseline. McpFuzz_Span touches each event's
/// data without materializing it (the zero-allocation API); McpFuzz_String decodes data to a string
/// per event like SseParser&lt;string&gt; does.
/// </summary>
[MemoryDiagnoser]
public class SseReaderBenchmarks
{
    private const int OurBufferSize = 4096;

    private SseInput _input = null!;
    private ChunkedStream _stream = null!;
    private readonly SseReader _reader = new(SseReaderOptions.Default with { MaxEvents = long.MaxValue });
    private readonly byte[] _buffer = new byte[OurBufferSize];

    [ParamsAllValues]
    public SseCase Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = SseInput.For(Case);
        _stream = new ChunkedStream(_input.Bytes, _input.ReadSize);

        // Measure only parsers that agree on what they read.
        if (SseParser_String() != McpFuzz_String() || SseParser_Length() != McpFuzz_Span())
            throw new InvalidOperationException($"{Case}: the parsers disagree about the data");
    }

    [Benchmark(Baseline = true)]
    public long SseParser_String()
    {
        _stream.Rewind();
        long total = 0;
        foreach (SseItem<string> item in SseParser.Create(_stream, static (_, data) => Encoding.UTF8.GetString(data)).Enumerate())
            total += item.Data.Length;
        return total;
    }

    [Benchmark]
    public long SseParser_Length()
    {
        _stream.Rewind();
        long total = 0;
        foreach (SseItem<int> item in SseParser.Create(_stream, static (_, data) => data.Length).Enumerate())
            total += item.Data;
        return total;
    }

    [Benchmark]
    public long McpFuzz_Span() => Run(materialize: false);

    [Benchmark]
    public long McpFuzz_String() => Run(materialize: true);

    private long Run(bool materialize)
    {
        _stream.Rewind();
        _reader.Reset();
        long total = 0;
        int read;
        while ((read = _stream.Read(_buffer)) > 0)
        {
            ReadOnlySpan<byte> chunk = _buffer.AsSpan(0, read);
            while (_reader.Read(chunk, out int consumed, out SseEvent e) == SseToken.Event)
            {
                chunk = chunk.Slice(consumed);
                total += materialize ? e.DataString().Length : e.Data.Length;
            }
        }

        return total;
    }
}
