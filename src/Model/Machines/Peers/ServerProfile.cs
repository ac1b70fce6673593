namespace McpFuzz.Model.Machines.Peers;

/// <summary>Deviations that real servers have. Each is documented in <see cref="Profiles"/>
/// with the hazard or rule it breaks; the conforming server has none.</summary>
[Flags]
public enum ServerProfile : uint
{
    None = 0,
    LegacyEndpointInPost = 1 << 0,
    Status400ForUnknownSession = 1 << 1,
    PrimingToOldClients = 1 << 2,
    CloseBeforeResponse = 1 << 3,
    BatchAfter2025_06_18 = 1 << 4,
    ReplayAcrossStreams = 1 << 5,
    No202ForNotifications = 1 << 6,
    RejectsHeaderOnInitialize = 1 << 7,
    GetAnswers400 = 1 << 8,
    AssumesNegotiatedWhenHeaderMissing = 1 << 9,

    /// <summary>Allowed, not a deviation: the server is protected and its documents are where its
    /// revision puts them.</summary>
    RequiresAuthorization = 1 << 10,
    ListenWithoutAck = 1 << 11,
    UntaggedSubscriptionNotifications = 1 << 12,
    AsksUndeclaredInput = 1 << 13,
}

/// <summary>Deviations that real clients have.</summary>
[Flags]
public enum ClientProfile : uint
{
    None = 0,
    FirstEventIsResponse = 1 << 0,
    EmptyDataIsJson = 1 << 1,
    NoReinitOn404 = 1 << 2,
    FallbackOnAny4xx = 1 << 3,
    NoFallback = 1 << 4,
    Non405GetIsFatal = 1 << 5,
    OmitsProtocolVersionHeader = 1 << 6,
    OAuthDiscoveryHeaderLeak = 1 << 7,
    ResumeWithoutLastEventId = 1 << 8,
    UnboundedReconnect = 1 << 9,
    HeaderOnInitialize = 1 << 10,
}
