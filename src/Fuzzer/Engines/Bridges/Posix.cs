using System.Runtime.InteropServices;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>The few libc calls the bridges need: System V shared memory (AFL++ and our libFuzzer
/// bridge both hand over the coverage map that way) and unbuffered reads and writes on the
/// inherited descriptors, where a managed stream would buffer or block differently.</summary>
internal static unsafe partial class Posix
{
    private const string Libc = "libc";

    [LibraryImport(Libc, EntryPoint = "shmat", SetLastError = true)]
    private static partial nint ShmAttach(int id, nint address, int flags);

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nint count);

    private const int EINTR = 4;

    /// <summary>Attaches the shared segment <paramref name="id"/> read-write.</summary>
    public static byte* AttachShared(int id)
    {
        nint address = ShmAttach(id, 0, 0);
        if (address == -1) throw new IOException($"shmat({id}) failed: errno {Marshal.GetLastPInvokeError()}");
        return (byte*)address;
    }

    /// <summary>Reads up to <paramref name="count"/> bytes; 0 at end of file.</summary>
    public static int ReadSome(int fd, byte* buffer, int count)
    {
        while (true)
        {
            nint n = Read(fd, buffer, count);
            if (n >= 0) return (int)n;
            if (Marshal.GetLastPInvokeError() != EINTR) throw new IOException($"read(fd {fd}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Reads exactly 4 bytes (a protocol word); false when the other side closed the pipe.</summary>
    public static bool TryReadWord(int fd, out uint word)
    {
        uint value = 0;
        byte* p = (byte*)&value;
        int got = 0;
        while (got < 4)
        {
            int n = ReadSome(fd, p + got, 4 - got);
            if (n == 0) { word = 0; return false; }
            got += n;
        }
        word = value;
        return true;
    }

    /// <summary>Writes a 4-byte protocol word in the machine's byte order, as AFL++ and the C bridge read it.</summary>
    public static void WriteWord(int fd, uint word)
    {
        byte* p = (byte*)&word;
        int sent = 0;
        while (sent < 4)
        {
            nint n = Write(fd, p + sent, 4 - sent);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == EINTR) continue;
                throw new IOException($"write(fd {fd}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
            sent += (int)n;
        }
    }
}
