using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Driver.Reference;

/// <summary>What the reference server publishes for authorization discovery when it requires
/// authorization: where its documents live and what they say, as a <see cref="Deployment"/> (the
/// conforming one of its revision unless a test asks for another), and whether the protected
/// resource metadata names another resource, the one fault a deployment's flags do not describe.</summary>
public sealed record AuthorizationSetup(Deployment Deployment, bool ForeignResource = false)
{
    public static AuthorizationSetup Of(PeerRevision peer) => new(ServerDeployments.Of(peer));
}
