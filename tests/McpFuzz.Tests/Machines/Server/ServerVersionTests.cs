using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;

namespace McpFuzz.Tests.Machines.Server;

/// <summary>Versions seen from the server: it echoes a version it speaks or counteroffers its
/// latest (2024-11-05/basic/lifecycle#version-negotiation); from 2025-06-18 it answers 400 to an
/// unsupported MCP-Protocol-Version and applies the session's version when the header is absent
/// (2025-06-18/basic/transports#protocol-version-header).</summary>
public class ServerVersionTests
{
    [Theory]
    [InlineData(PeerRevision.V2025_03_26, VersionValue.V2024_11_05, VersionValue.V2024_11_05)]
    [InlineData(PeerRevision.V2025_03_26, VersionValue.V2025_11_25, VersionValue.V2025_03_26)]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_03_26, VersionValue.V2025_03_26)]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_11_25, VersionValue.V2025_06_18)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2025_11_25, VersionValue.V2025_11_25)]
    [InlineData(PeerRevision.DualEra, VersionValue.V2025_06_18, VersionValue.V2025_06_18)]
    public void Initialize_echoes_a_version_it_speaks_or_counteroffers_its_latest(PeerRevision peer, VersionValue offered, VersionValue answered)
    {
        var server = new ServerDriver(peer);
        var answer = server.Answer(Requests.Initialize(offered));

        Assert.Contains(offered == answered ? Cite.VersionEcho : Cite.VersionCounteroffer, server.Rules);
        Assert.Equal(answered, answer.Head.Message.Version);
        Assert.Equal(answered, server.Context.Negotiated);
    }

    [Theory]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_11_25)]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2026_07_28)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2026_07_28)]
    public void From_2025_06_18_an_unsupported_version_header_is_400(PeerRevision peer, VersionValue header)
    {
        var server = new ServerDriver(peer);
        var negotiated = server.Answer(Requests.Initialize(VersionValue.V2025_06_18)).Head.Message.Version;
        server.Answer(Requests.Initialized(1, negotiated));

        var answer = server.Answer(Requests.ToolCall(2, 1, header));
        Assert.Contains(Cite.HeaderInvalid400, server.Rules);
        Assert.Equal(Status.BadRequest400, answer.Head.Status);
    }

    [Fact]
    public void A_2025_03_26_server_does_not_look_at_the_header()
    {
        var server = new ServerDriver(PeerRevision.V2025_03_26);
        server.Answer(Requests.Initialize(VersionValue.V2025_03_26));
        var answer = server.Answer(Requests.ToolCall(2, 1, VersionValue.V2026_07_28));
        Assert.Equal(Status.Ok200, answer.Head.Status);
        Assert.Equal(VersionValue.V2025_03_26, answer.Effective);
    }

    [Theory]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_03_26)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2025_06_18)]
    public void Without_the_header_the_session_version_applies(PeerRevision peer, VersionValue negotiated)
    {
        var server = new ServerDriver(peer);
        server.Answer(Requests.Initialize(negotiated));
        var answer = server.Answer(Requests.ToolCall(2, 1));
        Assert.Equal(Status.Ok200, answer.Head.Status);
        Assert.Equal(negotiated, answer.Effective);
    }

    [Fact]
    public void A_supported_header_is_the_version_applied()
    {
        var server = new ServerDriver(PeerRevision.V2025_11_25);
        server.Answer(Requests.Initialize(VersionValue.V2025_11_25));
        Assert.Equal(VersionValue.V2025_06_18, server.Answer(Requests.ToolCall(2, 1, VersionValue.V2025_06_18)).Effective);
    }

    [Fact]
    public void The_header_on_initialize_is_not_validated_by_a_conforming_server()
    {
        var header = VersionValue.V2025_11_25;
        var conforming = new ServerDriver(PeerRevision.V2025_06_18);
        Assert.Equal(Status.Ok200, conforming.Answer(Requests.Initialize(VersionValue.V2025_11_25, header: header)).Head.Status);

        var strict = new ServerDriver(PeerRevision.V2025_06_18, ServerProfile.RejectsHeaderOnInitialize);
        Assert.Equal(Status.BadRequest400, strict.Answer(Requests.Initialize(VersionValue.V2025_11_25, header: header)).Head.Status);
    }

    [Fact]
    public void The_assumes_own_version_profile_applies_its_latest_when_the_header_is_missing()
    {
        var server = new ServerDriver(PeerRevision.V2025_06_18, ServerProfile.AssumesNegotiatedWhenHeaderMissing);
        server.Answer(Requests.Initialize(VersionValue.V2025_03_26));
        Assert.Equal(VersionValue.V2025_06_18, server.Answer(Requests.ToolCall(2, 1)).Effective);
    }
}
