using McpFuzz.Model.Machines.Authorization;
using static McpFuzz.Model.Machines.Authorization.DeploymentFlags;

namespace McpFuzz.Tests.Machines.Authorization;

/// <summary>The deployments the digest's cases (section 6, hazards 23–29) talk about.</summary>
internal static class Deployments
{
    /// <summary>2025-03-26: the MCP server is its own authorization server.</summary>
    public static Deployment Own => Deployment.OwnAuthorizationServer;

    /// <summary>2025-06-18: the 401 names the PRM, a separate authorization server publishes RFC 8414 metadata.</summary>
    public static Deployment Separate => Deployment.SeparateAuthorizationServer;

    /// <summary>A resource server that relies on the 2025-11-25 well-known fallback: no resource_metadata.</summary>
    public static Deployment WellKnownOnly(DeploymentFlags prm) => Separate.Without(ResourceMetadataInChallenge | PrmAtPath).With(prm);

    /// <summary>An issuer with a path whose server publishes only the given metadata documents.</summary>
    public static Deployment TenantIssuer(DeploymentFlags documents) =>
        Separate.Without(OAuthPathInserted).With(IssuerHasPath | documents);

    /// <summary>An issuer without a path that publishes only OpenID Connect metadata.</summary>
    public static Deployment OidcOnly => Separate.Without(OAuthPathInserted).With(OidcPathInserted);

    /// <summary>Every combination of flags: 2^13 deployments, few enough to check exhaustively.</summary>
    public static IEnumerable<Deployment> All()
    {
        int all = Enum.GetValues<DeploymentFlags>().Aggregate(0, (acc, f) => acc | (int)f);
        for (int bits = 0; bits <= all; bits++)
        {
            if ((bits & ~all) == 0) yield return new Deployment((DeploymentFlags)bits);
        }
    }
}
