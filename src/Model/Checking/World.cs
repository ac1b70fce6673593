using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Model.Checking;

/// <summary>Client, server and network at one moment, plus what an observer has seen so far.
/// Every field is a byte or a struct of bytes, so a world hashes as plain memory.</summary>
public struct World
{
    public const int Slots = 4;

    public ClientPhase ClientPhase;
    public ClientContext Client;
    public ServerPhase ServerPhase;
    public ServerContext Server;
    public Exchanges Net;

    public byte Faults;
    public byte Aborts;

    /// <summary>Results of the tool call the client showed its user.</summary>
    public byte ResultsShown;
    public bool FailureShown;

    /// <summary>Why the client gave up, as it told its user.</summary>
    public FailureReason Failure;

    /// <summary>Resume GETs sent in a row for the current request that got no stream back.</summary>
    public byte ResumeGets;

    /// <summary>Notifications the client received, by event id bit (duplicates are visible).</summary>
    public ushort NotificationsSeen;
    public bool SawInitializeResult;
    public bool Connected;

    /// <summary>The client received an event id on the tool call's stream, so it can resume it.</summary>
    public bool IdsOffered;

    /// <summary>The last session id a response assigned on the wire.</summary>
    public byte AssignedSession;

    /// <summary>The server is down: whatever stands in front of it answers every request 503.</summary>
    public bool Outage;
}
