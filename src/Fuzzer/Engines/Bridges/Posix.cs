using System.Runtime.InteropServices;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>The few libc calls the bridges need: System V shared memory (AFL++ and our libFuzzer
/// bridge both hand over the coverage map that way), unbuffered reads and writes on the
/// inherited descriptors, where a managed stream would buffer or block differently, and the pipes
/// the AFL++ fork server shares with its child.</summary>
internal static unsafe partial class Posix
{
    private const string Libc = "libc";

    [LibraryImport(Libc, EntryPoint = "shmat", SetLastError = true)]
    private static partial nint ShmAttach(int id, nint address, int flags);

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    private static partial int CloseFd(int fd);

    private const int EINTR = 4;
    private const int EPIPE = 32;
    private const int OCloexec = 0x80000;
    private const int FSetfd = 2;
    private const int FdCloexec = 1;

    /// <summary>A pipe whose two ends are closed on exec, so only a child handed one end on purpose
    /// (<see cref="CloseOnExec"/> cleared) holds it: end of file then means the peer is gone.</summary>
    public static (int Read, int Write) Pipe()
    {
        int* fds = stackalloc int[2];
        if (Pipe2(fds, OCloexec) != 0) throw new IOException($"pipe2 failed: errno {Marshal.GetLastPInvokeError()}");
        return (fds[0], fds[1]);
    }

    /// <summary>Sets or clears close-on-exec on <paramref name="fd"/>.</summary>
    public static void CloseOnExec(int fd, bool close)
    {
        if (Fcntl(fd, FSetfd, close ? FdCloexec : 0) != 0) throw new IOException($"fcntl(fd {fd}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Closes <paramref name="fd"/>, ignoring errors (it is ours and is not used again).</summary>
    public static void Close(int fd) => CloseFd(fd);

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
        if (!TryWriteWord(fd, word)) throw new IOException($"write(fd {fd}) failed: the reader is gone");
    }

    /// <summary>Writes a 4-byte protocol word; false when nobody reads the pipe any more (EPIPE: the
    /// runtime ignores SIGPIPE, so the write fails instead of killing us).</summary>
    public static bool TryWriteWord(int fd, uint word)
    {
        byte* p = (byte*)&word;
        int sent = 0;
        while (sent < 4)
        {
            nint n = Write(fd, p + sent, 4 - sent);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR) continue;
                if (errno == EPIPE) return false;
                throw new IOException($"write(fd {fd}) failed: errno {errno}");
            }
            sent += (int)n;
        }
        return true;
    }
}
