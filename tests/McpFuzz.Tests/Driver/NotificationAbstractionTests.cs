using System.Text;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Server;
using McpFuzz.Model.Wire.Http;
using Xunit;

namespace McpFuzz.Tests.Driver;

/// <summary>Client notifications by method: initialized is its own value, every other notification
/// shares one; servers acknowledge both alike, the client oracle does not take the others for initialized.</summary>
public class NotificationAbstractionTests
{
    [Theory]
    [InlineData("notifications/initialized", Payload.Initialized)]
    [InlineData("notifications/cancelled", Payload.Notification)]
    [InlineData("notifications/progress", Payload.Notification)]
    [InlineData("notifications/roots/list_changed", Payload.Notification)]
    [InlineData("notifications/something-else", Payload.Notification)]
    public void A_notification_maps_by_its_method(string method, Payload expected)
    {
        var wire = new WireRequest("POST", "http://127.0.0.1:1/mcp", HeaderList.Empty, Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":{}}"));
        var request = new Abstraction().Request(wire);
        Assert.True(request.IsAbstract, request.Reason);
        Assert.Equal(expected, request.Value.Payload);
    }

    [Fact]
    public void Servers_acknowledge_other_notifications_as_they_do_initialized()
    {
        var other = new AbstractRequest { Payload = Payload.Notification, Session = 1 };
        var initialized = new AbstractRequest { Payload = Payload.Initialized, Session = 1 };
        Assert.Equal(ServerReactions.TriggerOf(initialized), ServerReactions.TriggerOf(other));
    }

    [Fact]
    public void A_cancelled_notification_is_not_the_initialized_notification()
    {
        var oracle = new ClientOracle(PeerRevision.V2025_11_25);
        Assert.True(oracle.Sent(0, new AbstractRequest { Payload = Payload.Initialize, RequestId = 1, BodyVersion = VersionValue.V2025_11_25 }).Conforms);
        var head = AbstractResponse.Json(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_11_25));
        head.AssignedSession = 1;
        oracle.Answered(0, head);

        Assert.True(oracle.Sent(1, new AbstractRequest { Payload = Payload.Notification, Session = 1, VersionHeader = VersionValue.V2025_11_25 }).Conforms);
        var call = oracle.Sent(2, new AbstractRequest { Payload = Payload.ToolCall, RequestId = 2, Session = 1, VersionHeader = VersionValue.V2025_11_25 });
        Assert.Equal("lifecycle.initialized-notification", Assert.Single(call.Deviations).Rule);
    }
}
