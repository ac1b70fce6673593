using System.Globalization;
using System.Net;

namespace McpFuzz.Interop.Fixtures;

/// <summary>
/// The TCP sockets a process listens on, read from Linux's /proc: the process's socket inodes
/// (/proc/PID/fd) matched against the kernel's socket tables (/proc/net/tcp and tcp6). Used to
/// check that a peer is reachable on 127.0.0.1 only.
/// </summary>
public static class ListeningSockets
{
    private const string ListenState = "0A";

    public static IReadOnlyList<IPEndPoint> Of(int processId)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target["socket:[".Length..^1]);
            }
        }
        return Table("/proc/net/tcp").Concat(Table("/proc/net/tcp6"))
            .Where(row => row.State == ListenState && inodes.Contains(row.Inode))
            .Select(row => row.Local)
            .ToList();
    }

    private static IEnumerable<(IPEndPoint Local, string State, string Inode)> Table(string path)
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10) continue;
            yield return (Endpoint(fields[1]), fields[3], fields[9]);
        }
    }

    /// <summary>"0100007F:1F90" → 127.0.0.1:8080: the address is hex in the kernel's byte order,
    /// 32-bit words in host order, the port plain hex.</summary>
    private static IPEndPoint Endpoint(string field)
    {
        var (addressHex, portHex) = (field[..field.IndexOf(':')], field[(field.IndexOf(':') + 1)..]);
        var bytes = Convert.FromHexString(addressHex);
        for (var word = 0; BitConverter.IsLittleEndian && word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }
        return new IPEndPoint(new IPAddress(bytes), int.Parse(portHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
