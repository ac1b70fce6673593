using System.Diagnostics;
using System.Text;

namespace McpFuzz.Interop.Fixtures;

/// <summary>
/// A real MCP server running as a child process on 127.0.0.1, started for one test:
/// <c>await using var peer = await Peer.StartAsync(PeerKind.TsStatefulSse);</c> then talk to
/// <see cref="Url"/>. Every launcher prints one line <c>LISTENING url</c> once it listens and exits
/// when its stdin closes, so a test host that dies takes its peers with it.
/// </summary>
public sealed class Peer : IAsyncDisposable
{
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private const int StderrLimit = 64 * 1024;
    private const string ListeningPrefix = "LISTENING ";

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Peer(PeerKind kind, Process process)
    {
        Kind = kind;
        _process = process;
    }

    public PeerKind Kind { get; }

    /// <summary>The MCP endpoint: <c>/mcp</c> for Streamable HTTP, the GET stream <c>/sse</c> for HTTP+SSE.</summary>
    public Uri Url { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the peer wrote on stderr so far (the first 64 KiB), for failure messages.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    public static async Task<Peer> StartAsync(PeerKind kind, CancellationToken cancellationToken = default)
    {
        var peer = new Peer(kind, new Process { StartInfo = Launch(kind), EnableRaisingEvents = true });
        try
        {
            await peer.WaitUntilListeningAsync(cancellationToken);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                if (Uri.TryCreate(line[ListeningPrefix.Length..].Trim(), UriKind.Absolute, out var url)) _listening.TrySetResult(url);
                else _listening.TrySetException(new InvalidOperationException($"{Kind}: unreadable line on stdout: {line}"));
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr)
            {
                if (_stderr.Length < StderrLimit) _stderr.AppendLine(e.Data);
            }
        };

        _process.Start();
        // Both pipes are read to the end for the peer's whole life, so it never blocks on a full pipe.
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Waiting for exit also waits for the end of both pipes, so the stderr quoted below is complete.
        var exited = _process.WaitForExitAsync(cancellationToken);
        try
        {
            await Task.WhenAny(_listening.Task, exited).WaitAsync(StartupTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"{Kind} did not print `LISTENING url` within {StartupTimeout.TotalSeconds} s " +
                $"({Describe(_process.StartInfo)}).{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}");
        }
        if (!_listening.Task.IsCompleted)
        {
            await exited;
            throw new InvalidOperationException(
                $"{Kind} exited with code {_process.ExitCode} before it listened " +
                $"({Describe(_process.StartInfo)}).{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}");
        }
        Url = await _listening.Task;
    }

    /// <summary>Kills the peer and everything it started, and waits until they are gone.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started, or exited between the check and the kill: nothing left to stop.
        }
        try
        {
            using var bounded = new CancellationTokenSource(ExitTimeout);
            await _process.WaitForExitAsync(bounded.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Kind} (pid {_process.Id}) did not exit within {ExitTimeout.TotalSeconds} s of being killed.");
        }
        _process.Dispose();
    }

    private static ProcessStartInfo Launch(PeerKind kind)
    {
        var peers = Peers.Directory;
        var start = kind switch
        {
            PeerKind.TsStatefulSse => Node("ts-server.mjs", "stateful-sse"),
            PeerKind.TsStatefulJson => Node("ts-server.mjs", "stateful-json"),
            PeerKind.TsStateless => Node("ts-server.mjs", "stateless"),
            PeerKind.TsEventStore => Node("ts-server.mjs", "event-store"),
            PeerKind.TsLegacySse => Node("ts-server.mjs", "legacy-sse"),
            PeerKind.EverythingStreamable => Everything("streamableHttp"),
            PeerKind.EverythingSse => Everything("sse"),
            PeerKind.CSharpStreamable => CSharpServer(),
            PeerKind.CSharpLegacySse => CSharpServer("legacy-sse"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        start.WorkingDirectory = peers;
        start.UseShellExecute = false;
        // stdin stays an open pipe of ours: the launchers exit when it closes.
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return start;
    }

    /// <summary>The system node (the TS SDK and server-everything run on Node 20 and later).</summary>
    private static ProcessStartInfo Node(params string[] arguments)
    {
        _ = Peers.NodeModules; // fails with what to run when the npm peers are not installed
        var start = new ProcessStartInfo("node");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>server-everything binds every interface; preload.cjs forces 127.0.0.1 and announces the URL.</summary>
    private static ProcessStartInfo Everything(string transport)
    {
        var start = Node("-r", "./preload.cjs",
            Path.Combine("node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js"), transport);
        start.Environment["PORT"] = "0";
        return start;
    }

    private static ProcessStartInfo CSharpServer(params string[] arguments)
    {
        var start = new ProcessStartInfo(Peers.Dotnet);
        start.ArgumentList.Add(Peers.Built(Path.Combine("tests", "peers", "CSharpServer"), "CSharpServer.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    private static string Describe(ProcessStartInfo start) =>
        $"{start.FileName} {string.Join(' ', start.ArgumentList)} in {start.WorkingDirectory}";

    public override string ToString() => $"{Kind} at {Url}";
}
