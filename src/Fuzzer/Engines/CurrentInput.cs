using System.IO.MemoryMappedFiles;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// Where a supervised worker leaves the input it is about to run and its execution count, so
/// that the supervisor can name the input that killed it. A memory-mapped file: each input costs
/// one copy into shared memory and no system call, and what was written survives any death of
/// the process (the pages belong to the kernel's page cache, not to the process). A pipe would
/// cost a write per input and could lose the last input in a buffer. Layout: 8-byte execution
/// count, 4-byte length, the input.
/// </summary>
public sealed unsafe class CurrentInput : IDisposable
{
    private const int Header = 12;
    private readonly MemoryMappedFile file;
    private readonly MemoryMappedViewAccessor view;
    private readonly byte* pointer;
    private readonly int capacity;

    public CurrentInput(string path, int maxLength)
    {
        capacity = maxLength;
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite)) stream.SetLength(Header + maxLength);
        file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, Header + maxLength, MemoryMappedFileAccess.ReadWrite);
        view = file.CreateViewAccessor(0, Header + maxLength);
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        pointer = p + view.PointerOffset;
    }

    /// <summary>Records the input about to run and how many ran before it.</summary>
    public void Write(long executions, ReadOnlySpan<byte> input)
    {
        int length = Math.Min(input.Length, capacity);
        *(long*)pointer = executions;
        *(int*)(pointer + 8) = length;
        input[..length].CopyTo(new Span<byte>(pointer + Header, length));
    }

    /// <summary>Reads what a (dead) worker left: its execution count and last input; null when the
    /// file is missing or too short.</summary>
    public static (long Executions, byte[] Input)? Read(string path)
    {
        if (!File.Exists(path)) return null;
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < Header) return null;
        long executions = BitConverter.ToInt64(bytes, 0);
        int length = BitConverter.ToInt32(bytes, 8);
        if (length < 0 || Header + length > bytes.Length) return null;
        return (executions, bytes[Header..(Header + length)]);
    }

    public void Dispose()
    {
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        file.Dispose();
    }
}
