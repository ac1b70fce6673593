using System.Runtime.CompilerServices;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Model.Checking;

public enum ExchangeStage : byte
{
    Free,

    /// <summary>The request is on its way to the server.</summary>
    Sent,

    /// <summary>The network lost the request; the client's timer will fire.</summary>
    Dropped,

    /// <summary>The server answered; head, events and end are on their way to the client.</summary>
    Answered,
}

/// <summary>One HTTP exchange in flight. Events of one exchange arrive in order; exchanges
/// interleave arbitrarily, which is all the reordering HTTP allows.</summary>
public struct Exchange
{
    public ExchangeStage Stage;
    public Purpose Purpose;
    public AbstractRequest Request;
    public AbstractResponse Head;
    public bool HeadDelivered;
    public SseItems Items;
    public byte Count;
    public byte Delivered;
    public StreamEnd End;
    public bool EndDelivered;

    public readonly bool HasEventsLeft => Delivered < Count;

    /// <summary>Appends an event to an open stream (HTTP+SSE responses), dropping delivered ones
    /// first so the buffer stays bounded.</summary>
    public bool Append(SseItem item)
    {
        if (Count == 3 && Delivered > 0)
        {
            for (int i = Delivered; i < Count; i++) Items[i - Delivered] = Items[i];
            Count -= Delivered;
            Delivered = 0;
        }

        if (Count == 3) return false;
        Items[Count++] = item;
        return true;
    }
}

[InlineArray(World.Slots)]
public struct Exchanges
{
    private Exchange first;
}
