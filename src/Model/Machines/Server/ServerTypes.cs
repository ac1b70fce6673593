using System.Runtime.CompilerServices;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;

namespace McpFuzz.Model.Machines.Server;

/// <summary>Where the server's one session is. Modern servers stay in <see cref="Fresh"/>:
/// they keep no session (2026-07-28/basic/index: stateless).</summary>
public enum ServerPhase : byte
{
    Fresh,

    /// <summary>HTTP+SSE: the GET stream is open and <c>endpoint</c> was sent.</summary>
    LegacyOpen,
    AwaitingInitialized,
    Operating,
    Expired,
}

/// <summary>The requests a server answers, plus the one thing it does on its own: ending a session.</summary>
public enum ServerTrigger : byte
{
    Initialize,
    Initialized,
    ToolCall,
    Discover,
    Get,
    Resume,
    Delete,
    Expire,
}

/// <summary>Up to three SSE events of one response.</summary>
[InlineArray(3)]
public struct SseItems
{
    private SseItem first;
}

/// <summary>What one server step puts on the wire: a response (head, events, how the body
/// ends), or events for the HTTP+SSE stream, and the version the server applied.</summary>
public struct ServerOutput : IEquatable<ServerOutput>
{
    public AbstractResponse Head;
    public SseItems Items;
    public byte Count;
    public StreamEnd End;

    /// <summary>The events go to the HTTP+SSE GET stream; the POST itself gets only <see cref="Head"/>.</summary>
    public bool ToLegacyStream;

    /// <summary>The revision whose rules the server applied to this request.</summary>
    public VersionValue Effective;

    public void Add(SseItem item) => Items[Count++] = item;

    public readonly bool Equals(ServerOutput other)
    {
        if (!Head.Equals(other.Head) || Count != other.Count || End != other.End || ToLegacyStream != other.ToLegacyStream) return false;
        for (int i = 0; i < Count; i++)
        {
            if (!Items[i].Equals(other.Items[i])) return false;
        }

        return true;
    }

    public override readonly bool Equals(object? obj) => obj is ServerOutput other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Head, Count, End, ToLegacyStream);
}

/// <summary>Whether the server offers a GET stream; decided the first time a client asks, then
/// kept, because a server either implements GET or does not.</summary>
public enum GetOffer : byte
{
    Undecided,
    Offered,
    NotOffered,
}

/// <summary>A server's memory besides its phase.</summary>
public struct ServerContext : IEquatable<ServerContext>
{
    public byte Session;
    public bool SessionLive;
    public bool Initialized;
    public bool LegacyStreamOpen;
    public byte NextSession;
    public VersionValue Negotiated;
    public byte NextEventId;
    public GetOffer Get;

    /// <summary>The stream of the last request: first and last event ids, the response not yet
    /// sent because the server closed early, and the id its response went out with.</summary>
    public byte StreamFirstId;
    public byte StreamLastId;
    public Message Held;
    public byte ResponseEventId;
    public Message Response;

    /// <summary>The notification sent on the GET stream, by event id (0: none).</summary>
    public byte GetNotificationId;
    public bool LegacyEra;

    /// <summary>The server answered initialize without a session id (session.assign-at-initialize is
    /// a MAY): it keeps no session and asks for none. The explored servers always assign one; the
    /// oracle of a real server learns this from its first answer.</summary>
    public bool Sessionless;
    public ServerOutput Out;

    public readonly bool Equals(ServerContext other) =>
        Session == other.Session && SessionLive == other.SessionLive && Initialized == other.Initialized && LegacyStreamOpen == other.LegacyStreamOpen && NextSession == other.NextSession && Negotiated == other.Negotiated &&
        NextEventId == other.NextEventId && Get == other.Get && StreamFirstId == other.StreamFirstId &&
        StreamLastId == other.StreamLastId && Held.Equals(other.Held) && ResponseEventId == other.ResponseEventId &&
        Response.Equals(other.Response) && GetNotificationId == other.GetNotificationId && LegacyEra == other.LegacyEra && Sessionless == other.Sessionless && Out.Equals(other.Out);

    public override readonly bool Equals(object? obj) => obj is ServerContext other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Session, Negotiated, NextEventId, StreamLastId, Held, Out);
}

/// <summary>A request as the server receives it, with the choice among the answers a server may
/// give (JSON or SSE; closing early; offering GET or not), which the explorer enumerates.</summary>
public struct ServerInput
{
    public AbstractRequest Request;
    public byte Choice;
}
