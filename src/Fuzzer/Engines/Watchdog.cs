namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// Notices an input that runs longer than the limit. .NET cannot abort a running thread, so the
/// only way out of a hang is to end the process: <see cref="onTimeout"/> does that in a
/// supervised worker, after which the supervisor reports the input left in
/// <see cref="CurrentInput"/> as a timeout and starts a new worker.
/// </summary>
public sealed class Watchdog : IDisposable
{
    private readonly long limitMs;
    private readonly Action onTimeout;
    private readonly Thread thread;
    private long startedAt;
    private volatile bool stopped;

    public Watchdog(TimeSpan limit, Action onTimeout)
    {
        limitMs = (long)limit.TotalMilliseconds;
        this.onTimeout = onTimeout;
        thread = new Thread(Watch) { IsBackground = true, Name = "fuzz watchdog" };
        thread.Start();
    }

    public void Begin() => Volatile.Write(ref startedAt, Environment.TickCount64);

    public void End() => Volatile.Write(ref startedAt, 0);

    private void Watch()
    {
        int nap = (int)Math.Clamp(limitMs / 4, 10, 250);
        while (!stopped)
        {
            Thread.Sleep(nap);
            long started = Volatile.Read(ref startedAt);
            if (started != 0 && Environment.TickCount64 - started > limitMs)
            {
                onTimeout();
                return;
            }
        }
    }

    public void Dispose() => stopped = true;
}
