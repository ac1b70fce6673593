using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace McpFuzz.Driver.Output;

/// <summary>Writes one JSON object per line (JSON Lines): readable by a person, parsed by a machine.</summary>
public sealed class JsonLines(TextWriter output)
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Keep non-ASCII text readable; the output is UTF-8 and never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public void Write(Action<Utf8JsonWriter> members)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer, Options))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        output.Write('\n');
    }
}
