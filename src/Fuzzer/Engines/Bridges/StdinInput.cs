namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>
/// The current input as AFL++ delivers it without shared-memory test cases: it writes the input to
/// <c>.cur_input</c>, truncates the file to that length and seeks back to 0 before each run. Our
/// stdin is a dup of the same open file (the fork server's child inherits it too), so it shares
/// that offset: reading to end of file gives exactly this input, and AFL++'s rewind readies the
/// next one. A read buffer kept across inputs avoids an allocation per run.
/// </summary>
internal sealed unsafe class StdinInput
{
    private const int Stdin = 0;
    private byte[] buffer = new byte[1 << 16];

    public ReadOnlySpan<byte> ReadAll()
    {
        int length = 0;
        while (true)
        {
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            int n;
            fixed (byte* p = buffer) n = Posix.ReadSome(Stdin, p + length, buffer.Length - length);
            if (n == 0) return buffer.AsSpan(0, length);
            length += n;
        }
    }
}
