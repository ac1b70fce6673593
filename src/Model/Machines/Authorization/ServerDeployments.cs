using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Model.Machines.Authorization;

/// <summary>Where a conforming protected server of each revision keeps its documents.</summary>
public static class ServerDeployments
{
    public static Deployment Of(PeerRevision server) => server switch
    {
        // 2024-11-05 defines no authorization: a 401 and nothing to discover.
        PeerRevision.V2024_11_05 => new Deployment(DeploymentFlags.None),

        // The MCP server is its own authorization server (2025-03-26/basic/authorization).
        PeerRevision.V2025_03_26 => Deployment.OwnAuthorizationServer,

        // A resource server naming its protected resource metadata in the challenge, which names
        // a separate authorization server (2025-06-18 on); from 2025-11-25 the metadata is also at
        // the well-known URL (auth.prm-location).
        PeerRevision.V2025_06_18 => Deployment.SeparateAuthorizationServer,
        _ => Deployment.SeparateAuthorizationServer.With(DeploymentFlags.PrmAtRoot),
    };
}
