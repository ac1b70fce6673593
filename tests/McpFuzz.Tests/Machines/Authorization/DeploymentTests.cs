using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Revisions;
using static McpFuzz.Model.Machines.Authorization.DeploymentFlags;
using static McpFuzz.Model.Machines.Authorization.Probe;

namespace McpFuzz.Tests.Machines.Authorization;

public class DeploymentTests
{
    [Fact]
    public void For_an_issuer_without_a_path_every_form_of_a_kind_is_one_URL()
    {
        var d = new Deployment(OAuthPathAppended | OidcPathInserted);
        Assert.True(d.Serves(AsOAuthRoot));
        Assert.True(d.Serves(AsOAuthPathInserted));
        Assert.True(d.Serves(AsOidcRoot));
        Assert.True(d.Serves(AsOidcPathAppended));
    }

    [Fact]
    public void For_an_issuer_with_a_path_each_form_is_its_own_URL_and_the_root_holds_nothing()
    {
        var d = new Deployment(IssuerHasPath | OAuthPathAppended | OidcPathInserted);
        Assert.Equal([AsOAuthPathAppended, AsOidcPathInserted],
            new[] { AsOAuthPathInserted, AsOAuthPathAppended, AsOidcPathInserted, AsOidcPathAppended, AsOAuthRoot, AsOidcRoot }.Where(d.Serves));
    }

    [Fact]
    public void At_the_root_the_two_PRM_well_known_URLs_are_one()
    {
        var d = new Deployment(PrmAtPath | EndpointAtRoot);
        Assert.True(d.Serves(PrmRootWellKnown));
        Assert.False(new Deployment(PrmAtPath).Serves(PrmRootWellKnown));
        Assert.False(new Deployment(PrmAtRoot).Serves(PrmPathWellKnown));
    }

    [Fact]
    public void The_header_names_a_PRM_only_if_one_is_served()
    {
        Assert.True(new Deployment(ResourceMetadataInChallenge | PrmAtRoot).Serves(PrmFromHeader));
        Assert.False(new Deployment(ResourceMetadataInChallenge).Serves(PrmFromHeader));
        Assert.False(new Deployment(PrmAtRoot).Serves(PrmFromHeader));
    }

    [Fact]
    public void The_MCP_origin_holds_the_authorization_server_metadata_only_when_it_is_the_issuer()
    {
        Assert.True(Deployment.OwnAuthorizationServer.Serves(McpOriginOAuth));
        Assert.False(Deployment.SeparateAuthorizationServer.Serves(McpOriginOAuth));
        Assert.False(Deployment.OwnAuthorizationServer.With(IssuerHasPath).Serves(McpOriginOAuth));
    }

    [Fact]
    public void Answers_carry_the_401_kind_and_the_document_facts()
    {
        var d = Deployment.SeparateAuthorizationServer.With(IssuerHasPath).Without(IssuerMatches);
        Assert.Equal(DiscoveryTrigger.UnauthorizedWithResourceMetadata, d.Answer(McpEndpoint).Trigger);
        Assert.Equal(DiscoveryTrigger.Unauthorized, Deployment.OwnAuthorizationServer.Answer(McpEndpoint).Trigger);
        Assert.Equal((DiscoveryTrigger.Found, new DocumentFacts(IssuerHasPath: true, PkceAdvertised: true, IssuerMatches: false)), d.Answer(PrmFromHeader));
        Assert.Equal(DiscoveryTrigger.NotFound, d.Answer(AsOAuthRoot).Trigger);
    }

    [Fact]
    public void A_deployment_breaks_the_server_rules_of_the_revision_it_is_judged_by()
    {
        static string[] Broken(Deployment d, Revision r) => d.BrokenBy(r).Select(rule => rule.Id).ToArray();

        Assert.Equal(["auth.default-endpoints", "auth.as-metadata-advisory"], Broken(new Deployment(DeploymentFlags.None), Revision.V2025_03_26));
        Assert.Equal(["auth.as-metadata-advisory"], Broken(new Deployment(ServesDefaultEndpoints), Revision.V2025_03_26));
        Assert.Equal(["auth.401-resource-metadata", "auth.prm-required", "auth.as-metadata"], Broken(new Deployment(DeploymentFlags.None), Revision.V2025_06_18));
        Assert.Equal(["auth.prm-location", "auth.prm-required", "auth.as-metadata"], Broken(new Deployment(DeploymentFlags.None), Revision.V2025_11_25));
        Assert.Equal(["auth.prm-required"], Broken(new Deployment(ResourceMetadataInChallenge | OAuthPathInserted), Revision.V2026_07_28));
        Assert.Empty(Broken(new Deployment(PrmAtRoot | OAuthPathInserted), Revision.V2025_11_25));
        Assert.Empty(Broken(new Deployment(DeploymentFlags.None), Revision.V2024_11_05));
    }

    [Fact]
    public void With_and_without_change_only_the_flags_named()
    {
        var d = new Deployment(PrmAtRoot | PkceAdvertised);
        Assert.Equal(new Deployment(PrmAtRoot | PkceAdvertised | IssuerMatches), d.With(IssuerMatches));
        Assert.Equal(new Deployment(PkceAdvertised), d.Without(PrmAtRoot | IssuerHasPath));
        Assert.Equal("PrmAtRoot, PkceAdvertised", d.ToString());
    }
}
