using System.Collections.Concurrent;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Model.Machines.Server.ServerPhase;
using static McpFuzz.Model.Machines.Server.ServerTrigger;

namespace McpFuzz.Model.Machines.Server;

/// <summary>The server machine of every revision (and dual-era), with or without profiles. The
/// answers themselves come from <see cref="ServerReactions"/>; the table says which answers move
/// the session between phases.</summary>
public static class ServerMachines
{
    private static readonly ConcurrentDictionary<(PeerRevision, ServerProfile), StateMachine<ServerPhase, ServerTrigger, ServerContext, ServerInput>> Cache = new();

    public static StateMachine<ServerPhase, ServerTrigger, ServerContext, ServerInput> For(PeerRevision peer, ServerProfile profile = ServerProfile.None) =>
        Cache.GetOrAdd((peer, profile), key => Build(key.Item1, key.Item2));

    private static StateMachine<ServerPhase, ServerTrigger, ServerContext, ServerInput> Build(PeerRevision peer, ServerProfile profile)
    {
        var r = new ServerReactions(peer, profile);
        string name = $"server {peer.ToText()}" + (profile == ServerProfile.None ? "" : "+" + Profiles.Names(profile));
        var b = new MachineBuilder<ServerPhase, ServerTrigger, ServerContext, ServerInput>(name, Fresh);

        Guard<ServerContext, ServerInput> Is(ServerReaction reaction) =>
            (in ServerContext c, in ServerInput i) => r.Respond(c, i).Reaction == reaction;
        Effect<ServerContext, ServerInput> answer = (in ServerContext c, in ServerInput i) => r.Respond(c, i).Next;
        Effect<ServerContext, ServerInput> expire = (in ServerContext c, in ServerInput _) => ServerReactions.Expire(c);

        foreach (var phase in new[] { Fresh, LegacyOpen, AwaitingInitialized, Operating, Expired })
        {
            var s = b.Configure(phase);
            if (phase == AwaitingInitialized) s.PermitReentry(Initialize, "new session", Is(ServerReaction.NewSession), "negotiate, assign a session", answer);
            else s.PermitIf(Initialize, AwaitingInitialized, "new session", Is(ServerReaction.NewSession), "negotiate, assign a session", answer,
                    Cite.VersionEcho, Cite.VersionCounteroffer);
            s.InternalTransition(Initialize, "refuse", answer, "refused", Is(ServerReaction.Answer), Cite.NoInitialize, Cite.Auth401Required);

            foreach (var trigger in new[] { ToolCall, Discover, Resume })
            {
                s.InternalTransition(trigger, "answer", answer, "always", Is(ServerReaction.Answer),
                    Cite.RequestJsonOrSse, Cite.SessionMissing400, Cite.SessionExpired404, Cite.HeaderInvalid400, Cite.SameStreamOnly, Cite.Auth401Required,
                    Cite.MrtrDeclaredCapabilities, Cite.MissingCapability32021, Cite.ListenAckFirst);
            }

            if (phase == Fresh)
            {
                s.PermitIf(Get, LegacyOpen, "HTTP+SSE GET", Is(ServerReaction.LegacyOpened), "send `endpoint`", answer, Cite.EndpointFirst);
            }

            s.InternalTransition(Get, "answer", answer, "not HTTP+SSE", Is(ServerReaction.Answer), Cite.GetSseOr405, Cite.GetDelete405,
                Cite.SessionMissing400, Cite.SessionExpired404, Cite.Auth401Required);

            if (phase == AwaitingInitialized)
            {
                s.PermitIf(Initialized, Operating, "session live", Is(ServerReaction.Acknowledged), "202 Accepted", answer, Cite.Notification202);
            }
            else if (phase == LegacyOpen)
            {
                s.PermitIf(Initialized, Operating, "stream open", Is(ServerReaction.Acknowledged), "202 Accepted", answer, Cite.Notification202);
            }
            else
            {
                s.InternalTransition(Initialized, "answer", answer, "acknowledged", Is(ServerReaction.Acknowledged), Cite.Notification202);
            }

            s.InternalTransition(Initialized, "refuse", answer, "refused", Is(ServerReaction.Answer), Cite.SessionMissing400, Cite.SessionExpired404, Cite.Auth401Required);

            if (phase is AwaitingInitialized or Operating)
            {
                s.PermitIf(Delete, Expired, "DELETE accepted", Is(ServerReaction.Terminated), "end the session", answer, Cite.SessionDelete)
                    .PermitIf(Expire, Expired, "session live", (in ServerContext c, in ServerInput _) => c.SessionLive, "end the session", expire, Cite.SessionExpired404)
                    .IgnoreIf(Expire, "no session", (in ServerContext c, in ServerInput _) => !c.SessionLive);
            }
            else
            {
                s.Ignore(Expire);
            }

            s.InternalTransition(Delete, "answer", answer, "refused", Is(ServerReaction.Answer), Cite.SessionDelete405, Cite.GetDelete405, Cite.SessionExpired404);
        }

        return b.Build();
    }
}
