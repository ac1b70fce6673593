using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Model.Checking;

/// <summary>One client, one server, and the fault budget: what <c>mcpfuzz check</c> explores.</summary>
public sealed record Pairing(
    PeerRevision Client,
    ClientProfile ClientProfile,
    PeerRevision Server,
    ServerProfile ServerProfile,
    int Faults)
{
    public string ClientText => Client.ToText() + (ClientProfile == ClientProfile.None ? "" : "+" + Profiles.Names(ClientProfile));

    public string ServerText => Server.ToText() + (ServerProfile == ServerProfile.None ? "" : "+" + Profiles.Names(ServerProfile));

    public override string ToString() => $"client {ClientText} / server {ServerText} (faults {Faults})";

    /// <summary>Parses <c>REV[+profile...]</c> for one side; null with a message when invalid.</summary>
    public static (PeerRevision Peer, uint Profile)? ParseSide(string text, bool server, out string? error)
    {
        error = null;
        var parts = text.Split('+');
        if (!PeerRevisions.TryParse(parts[0], out var peer))
        {
            error = $"'{parts[0]}' is not a revision (2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25, 2026-07-28, dual-era)";
            return null;
        }

        uint flags = 0;
        foreach (var name in parts.Skip(1))
        {
            var profile = Profiles.Find(name);
            if (profile is null || profile.IsServer != server)
            {
                var names = string.Join(", ", Profiles.All.Where(p => p.IsServer == server).Select(p => p.Name));
                error = $"'{name}' is not a {(server ? "server" : "client")} profile ({names})";
                return null;
            }

            flags |= profile.Flag;
        }

        return (peer, flags);
    }
}
