using System.Diagnostics;
using System.Text;
using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Proxy;

/// <summary>
/// A long-running process of a test (the mcpfuzz proxy, the reference server): started, waited on
/// until it prints its first line starting with a prefix, stopped with SIGTERM as a user's Ctrl+C
/// would (so it can write its report), and killed with everything it started if it overstays.
/// </summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private BackgroundProcess(Process process) => _process = process;

    public string Stdout
    {
        get
        {
            lock (_stdout) return _stdout.ToString();
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>The rest of the first stdout line that started with the prefix (e.g. the URL after <c>LISTENING </c>).</summary>
    public string Announced { get; private set; } = "";

    public static async Task<BackgroundProcess> StartAsync(ProcessStartInfo start, string prefix, CancellationToken cancel)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        var process = new BackgroundProcess(new Process { StartInfo = start });
        var announced = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (process._stdout) process._stdout.AppendLine(e.Data);
            if (e.Data.StartsWith(prefix, StringComparison.Ordinal)) announced.TrySetResult(e.Data[prefix.Length..].Trim());
        };
        process._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (process._stderr) process._stderr.AppendLine(e.Data);
        };
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        try
        {
            var exited = process._process.WaitForExitAsync(cancel);
            var first = await Task.WhenAny(announced.Task, exited).WaitAsync(StartBound, cancel);
            if (first != announced.Task) throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited before it printed '{prefix}':{Environment.NewLine}{process.Stderr}");
            process.Announced = await announced.Task;
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var bound = new CancellationTokenSource(StopBound);
        await _process.WaitForExitAsync(bound.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var bound = new CancellationTokenSource(StopBound);
            await _process.WaitForExitAsync(bound.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }

        _process.Dispose();
    }

    /// <summary>The dotnet host running mcpfuzz with <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo McpFuzz(params string[] arguments)
    {
        var start = new ProcessStartInfo(Peers.Dotnet);
        start.ArgumentList.Add(ServerRun.McpFuzzCli.Program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
