using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Tests.Machines.Kernel;

public enum SessionState : byte { Idle, Initializing, Session, Ready, Busy, Closed }

public enum SessionTrigger : byte { Initialize, Initialized, Fail, Request, Respond, Ping, Close }

/// <summary>The toy session's context: plain values, compared and hashed by value.</summary>
public readonly record struct SessionContext(int Pending, int Served, int Pings, bool Authorized);

/// <summary>A toy session lifecycle small enough to reason about by hand, using every kernel feature:
/// Session is a superstate of Ready and Busy (Close and Ping are declared once, on it), Busy replaces
/// the inherited Ping with an Ignore, and Busy re-enters itself on further requests. The input is an
/// int: on Initialized it says whether the client is authorized.</summary>
public static class ToySession
{
    public static MachineBuilder<SessionState, SessionTrigger, SessionContext, int> Builder()
    {
        var b = new MachineBuilder<SessionState, SessionTrigger, SessionContext, int>("toy-session", SessionState.Idle);
        b.Configure(SessionState.Idle)
            .Permit(SessionTrigger.Initialize, SessionState.Initializing, "lifecycle.initialize-first")
            .Ignore(SessionTrigger.Ping);
        b.Configure(SessionState.Initializing)
            .Permit(SessionTrigger.Initialized, SessionState.Ready, "authorize", (in c, in i) => c with { Authorized = i != 0 }, "lifecycle.initialized")
            .Permit(SessionTrigger.Fail, SessionState.Closed)
            .Ignore(SessionTrigger.Ping);
        b.Configure(SessionState.Session)
            .Permit(SessionTrigger.Close, SessionState.Closed, "lifecycle.close")
            .InternalTransition(SessionTrigger.Ping, "countPing", (in c, in _) => c with { Pings = c.Pings + 1 }, rules: "ping.respond");
        b.Configure(SessionState.Ready)
            .SubstateOf(SessionState.Session)
            .PermitIf(SessionTrigger.Request, SessionState.Busy, "authorized", (in c, in _) => c.Authorized, "enqueue", (in c, in _) => c with { Pending = c.Pending + 1 });
        b.Configure(SessionState.Busy)
            .SubstateOf(SessionState.Session)
            .PermitReentry(SessionTrigger.Request, "authorized", (in c, in _) => c.Authorized, "enqueue", (in c, in _) => c with { Pending = c.Pending + 1 })
            .PermitIf(SessionTrigger.Respond, SessionState.Ready, "last", (in c, in _) => c.Pending == 1, "complete", Complete)
            .InternalTransition(SessionTrigger.Respond, "complete", Complete, "more", (in c, in _) => c.Pending > 1)
            .Ignore(SessionTrigger.Ping);
        b.Configure(SessionState.Closed).Final();
        return b;
    }

    public static StateMachine<SessionState, SessionTrigger, SessionContext, int> Machine { get; } = Builder().Build();

    private static SessionContext Complete(in SessionContext c, in int _) => c with { Pending = c.Pending - 1, Served = c.Served + 1 };
}
