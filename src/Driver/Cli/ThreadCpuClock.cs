using System.Runtime.InteropServices;

namespace McpFuzz.Driver.Cli;

/// <summary>The processor time the calling thread has used, so that a throughput can be stated
/// per core even while other threads (or other programs) share the processors. Null where the
/// platform offers no per-thread clock that this reads.</summary>
internal static class ThreadCpuClock
{
    private const int LinuxThreadCpuClock = 3;   // CLOCK_THREAD_CPUTIME_ID
    private const int MacThreadCpuClock = 16;    // CLOCK_THREAD_CPUTIME_ID

    public static TimeSpan? Now()
    {
        try
        {
            if (OperatingSystem.IsLinux()) return Posix(LinuxThreadCpuClock);
            if (OperatingSystem.IsMacOS()) return Posix(MacThreadCpuClock);
            if (OperatingSystem.IsWindows())
            {
                return GetThreadTimes(GetCurrentThread(), out _, out _, out long kernel, out long user)
                    ? TimeSpan.FromTicks(kernel + user)
                    : null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }

        return null;
    }

    private static TimeSpan? Posix(int clock) =>
        clock_gettime(clock, out var t) == 0 ? TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100) : null;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [DllImport("kernel32")]
    private static extern IntPtr GetCurrentThread();

    [DllImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
}
