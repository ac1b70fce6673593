using System.IO.Pipelines;
using System.Text;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Wire.Sse;

public class SseStreamReaderTests
{
    private const string Stream = "id: 1\nretry: 5000\ndata:\n\n: keepalive\n\nevent: message\nid: 2\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"ping\"}\n\ndata: cut";

    private static async Task<List<SseRecord>> Collect(IAsyncEnumerable<SseRecord> records)
    {
        var list = new List<SseRecord>();
        await foreach (var record in records) list.Add(record);
        return list;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task A_stream_yields_events_comments_and_one_end_record(int bufferSize)
    {
        var withComments = new SseReaderOptions { ReportComments = true };
        var records = await Collect(SseStreamReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Stream)), withComments, bufferSize));
        Assert.Equal([SseRecordKind.Event, SseRecordKind.Comment, SseRecordKind.Event, SseRecordKind.End], records.Select(r => r.Kind));
        Assert.True(records[0].IsPriming);
        Assert.Equal(5000, records[0].Retry);
        Assert.Equal(" keepalive", records[1].Data);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}", records[2].Data);
        Assert.Equal("2", records[2].LastEventId);
        var end = records[3];
        Assert.True(end.End.EndedInsideEvent);
        Assert.False(end.End.DiscardedEvent); // the unterminated "data: cut" line is never processed
        Assert.Equal(9, end.End.UnterminatedLineBytes);
        Assert.Equal(Encoding.UTF8.GetByteCount(Stream), end.Bytes);

        var quiet = await Collect(SseStreamReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Stream)), bufferSize: bufferSize));
        Assert.DoesNotContain(quiet, r => r.Kind == SseRecordKind.Comment);
    }

    [Fact]
    public async Task A_pipe_yields_the_same_records_as_a_stream()
    {
        var pipe = new Pipe();
        var reading = Collect(SseStreamReader.ReadAsync(pipe.Reader));
        byte[] bytes = Encoding.UTF8.GetBytes(Stream);
        for (int i = 0; i < bytes.Length; i += 5)
        {
            await pipe.Writer.WriteAsync(bytes.AsMemory(i, Math.Min(5, bytes.Length - i)));
        }

        await pipe.Writer.CompleteAsync();
        var fromPipe = await reading;
        var fromStream = await Collect(SseStreamReader.ReadAsync(new MemoryStream(bytes)));
        Assert.Equal(fromStream.Select(Describe), fromPipe.Select(Describe));
    }

    [Fact]
    public async Task A_limit_ends_the_enumeration_with_an_end_record_that_names_it()
    {
        var options = new SseReaderOptions { MaxEvents = 1 };
        var records = await Collect(SseStreamReader.ReadAsync(new MemoryStream("data: a\n\ndata: b\n\ndata: c\n\n"u8.ToArray()), options));
        Assert.Equal([SseRecordKind.Event, SseRecordKind.End], records.Select(r => r.Kind));
        Assert.Equal(SseLimit.EventCount, records[1].End.Limit);
    }

    private static string Describe(SseRecord r) => $"{r.Kind}|{r.Type}|{r.Data}|{r.LastEventId}|{r.Offset}|{r.Index}|{r.Retry}|{r.Flags}|{r.End}";
}
