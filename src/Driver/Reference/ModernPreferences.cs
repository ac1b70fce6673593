using System.Text;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Server;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Driver.Reference;

/// <summary>
/// The reference server's business for 2026-07-28 requests with more than one allowed answer:
/// a subscription is held open until the client closes it, and calling the <see cref="MessageText.ConfirmTool"/>
/// tool needs the user's confirmation, asked for with an InputRequiredResult unless the call
/// carries the answer. Whether asking is allowed is the machine's to say (<see cref="Asks"/>); where
/// it is not, the server refuses for the missing capability.
/// </summary>
public static class ModernPreferences
{
    /// <summary>The choices to try, best first, or null where the general preferences apply.</summary>
    public static IReadOnlyList<byte>? For(in AbstractRequest request, WireRequest wire, ReplyStyle reply)
    {
        if (request.Payload == Payload.Listen) return [ServerReactions.ListenHold, ServerReactions.ListenEnd];
        if (!request.InputMethod) return null;
        byte result = reply == ReplyStyle.Json ? (byte)0 : (byte)1;
        if (!NeedsConfirmation(wire)) return [result, 0];
        byte asks = reply == ReplyStyle.Json ? (byte)2 : (byte)3;
        return [asks, 4, result];
    }

    /// <summary>An InputRequiredResult choice is taken only when it asks for the confirmation (an elicitation).</summary>
    public static bool Acceptable(byte choice, in AbstractRequest request, in ServerOutput output)
    {
        if (!request.InputMethod || !ServerReactions.IsInputRequired(choice)) return true;
        var message = output.Head.Body == Body.Json ? output.Head.Message : output.Count > 0 ? output.Items[0].Message : default;
        return Asks(message);
    }

    private static bool Asks(in Message message) => (message.Inputs & InputKinds.Elicitation) != 0;

    /// <summary>A call of the confirm tool that carries neither input responses nor a request state.</summary>
    private static bool NeedsConfirmation(WireRequest wire)
    {
        var envelope = JsonRpcClassifier.Classify(wire.Body);
        if (envelope.Kind != JsonRpcKind.Request || envelope.MethodName(wire.Body) != "tools/call") return false;
        var parameters = envelope.Params.Of(wire.Body);
        return JsonRpcMembers.FindString(parameters, "name"u8) == MessageText.ConfirmTool
               && !JsonRpcMembers.TryFind(parameters, "inputResponses"u8, out _, out _)
               && !JsonRpcMembers.TryFind(parameters, "requestState"u8, out _, out _);
    }
}
