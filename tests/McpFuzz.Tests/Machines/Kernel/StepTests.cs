using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Tests.Machines.Kernel;

public class StepTests
{
    private static readonly StateMachine<SessionState, SessionTrigger, SessionContext, int> M = ToySession.Machine;
    private static readonly SessionContext Authorized = new(0, 0, 0, true);

    private static Transition<SessionState, SessionTrigger, SessionContext, int> Fired(StepResult<SessionState, SessionContext> r)
    {
        Assert.Equal(StepOutcome.Fired, r.Outcome);
        Assert.True(r.IsFired);
        Assert.Equal(RejectReason.None, r.Reason);
        return M.Transitions[r.TransitionIndex];
    }

    [Fact]
    public void An_external_transition_moves_and_runs_its_effect()
    {
        var r = M.Step(SessionState.Initializing, default, SessionTrigger.Initialized, 1);

        var t = Fired(r);
        Assert.Equal(SessionState.Ready, r.State);
        Assert.Equal(new SessionContext(0, 0, 0, true), r.Context);
        Assert.Equal(SessionState.Initializing, t.From);
        Assert.Equal(SessionTrigger.Initialized, t.Trigger);
        Assert.Equal(["lifecycle.initialized"], t.Rules);
        Assert.Equal("Initialized / authorize", t.Label);
    }

    [Fact]
    public void The_effect_sees_the_input()
    {
        var r = M.Step(SessionState.Initializing, default, SessionTrigger.Initialized, 0);
        Assert.Equal(SessionState.Ready, r.State);
        Assert.False(r.Context.Authorized);
    }

    [Fact]
    public void An_unguarded_transition_without_effect_keeps_the_context()
    {
        var context = new SessionContext(3, 4, 5, true);
        var r = M.Step(SessionState.Idle, context, SessionTrigger.Initialize, 0);
        Fired(r);
        Assert.Equal(SessionState.Initializing, r.State);
        Assert.Equal(context, r.Context);
    }

    [Fact]
    public void An_ignored_trigger_changes_nothing_and_names_the_ignore()
    {
        var context = new SessionContext(1, 2, 3, false);
        var r = M.Step(SessionState.Idle, context, SessionTrigger.Ping, 0);

        Assert.Equal(StepOutcome.Ignored, r.Outcome);
        Assert.False(r.IsFired);
        Assert.Equal(RejectReason.None, r.Reason);
        Assert.Equal(SessionState.Idle, r.State);
        Assert.Equal(context, r.Context);
        Assert.Equal(TransitionKind.Ignore, M.Transitions[r.TransitionIndex].Kind);
        Assert.Equal(SessionState.Idle, M.Transitions[r.TransitionIndex].From);
    }

    [Fact]
    public void A_trigger_nobody_configured_is_rejected_as_not_configured()
    {
        var context = new SessionContext(1, 0, 0, true);
        var r = M.Step(SessionState.Idle, context, SessionTrigger.Respond, 0);

        Assert.Equal(StepOutcome.Rejected, r.Outcome);
        Assert.Equal(RejectReason.NotConfigured, r.Reason);
        Assert.Equal(-1, r.TransitionIndex);
        Assert.Equal(SessionState.Idle, r.State);
        Assert.Equal(context, r.Context);
    }

    [Fact]
    public void Failing_guards_reject_with_guards_failed()
    {
        var context = new SessionContext(0, 0, 0, Authorized: false);
        var r = M.Step(SessionState.Ready, context, SessionTrigger.Request, 0);

        Assert.Equal(StepOutcome.Rejected, r.Outcome);
        Assert.Equal(RejectReason.GuardsFailed, r.Reason);
        Assert.Equal(-1, r.TransitionIndex);
        Assert.Equal(SessionState.Ready, r.State);
        Assert.Equal(context, r.Context);
    }

    [Fact]
    public void Among_guarded_alternatives_the_one_that_holds_fires()
    {
        var one = M.Step(SessionState.Busy, Authorized with { Pending = 1 }, SessionTrigger.Respond, 0);
        Assert.Equal(SessionState.Ready, one.State);
        Assert.Equal(TransitionKind.External, Fired(one).Kind);
        Assert.Equal(new SessionContext(0, 1, 0, true), one.Context);

        var two = M.Step(SessionState.Busy, Authorized with { Pending = 2 }, SessionTrigger.Respond, 0);
        Assert.Equal(SessionState.Busy, two.State);
        Assert.Equal(TransitionKind.Internal, Fired(two).Kind);
        Assert.Equal(new SessionContext(1, 1, 0, true), two.Context);

        var none = M.Step(SessionState.Busy, Authorized, SessionTrigger.Respond, 0);
        Assert.Equal(RejectReason.GuardsFailed, none.Reason);
    }

    [Fact]
    public void Two_guards_that_hold_at_once_are_ambiguous_not_first_match()
    {
        var b = new MachineBuilder<SessionState, SessionTrigger, SessionContext, int>("ambiguous", SessionState.Ready);
        b.Configure(SessionState.Ready)
            .PermitIf(SessionTrigger.Request, SessionState.Busy, "small", (in _, in i) => i < 10)
            .PermitIf(SessionTrigger.Request, SessionState.Closed, "even", (in _, in i) => i % 2 == 0);
        var m = b.Build();

        Assert.Equal(SessionState.Busy, m.Step(SessionState.Ready, default, SessionTrigger.Request, 3).State);
        Assert.Equal(SessionState.Closed, m.Step(SessionState.Ready, default, SessionTrigger.Request, 12).State);
        var both = m.Step(SessionState.Ready, default, SessionTrigger.Request, 4);
        Assert.Equal(StepOutcome.Rejected, both.Outcome);
        Assert.Equal(RejectReason.Ambiguous, both.Reason);
        Assert.Equal(-1, both.TransitionIndex);
        Assert.Equal(SessionState.Ready, both.State);
        Assert.Equal(RejectReason.GuardsFailed, m.Step(SessionState.Ready, default, SessionTrigger.Request, 13).Reason);
    }

    [Fact]
    public void A_substate_inherits_what_it_does_not_configure()
    {
        foreach (var state in new[] { SessionState.Ready, SessionState.Busy })
        {
            var r = M.Step(state, Authorized, SessionTrigger.Close, 0);
            var t = Fired(r);
            Assert.Equal(SessionState.Closed, r.State);
            Assert.Equal(SessionState.Session, t.From);
        }
    }

    [Fact]
    public void An_inherited_internal_transition_keeps_the_substate()
    {
        var r = M.Step(SessionState.Ready, Authorized, SessionTrigger.Ping, 0);
        var t = Fired(r);
        Assert.Equal(TransitionKind.Internal, t.Kind);
        Assert.Equal(SessionState.Session, t.From);
        Assert.Equal(SessionState.Ready, r.State);
        Assert.Equal(1, r.Context.Pings);
    }

    [Fact]
    public void A_substates_own_configuration_replaces_the_inherited_one()
    {
        // Busy ignores Ping; the superstate's internal Ping must not also be a candidate.
        var r = M.Step(SessionState.Busy, Authorized with { Pending = 1 }, SessionTrigger.Ping, 0);
        Assert.Equal(StepOutcome.Ignored, r.Outcome);
        Assert.Equal(SessionState.Busy, r.State);
        Assert.Equal(0, r.Context.Pings);
    }

    [Fact]
    public void Replacement_holds_even_when_the_own_guards_fail_and_the_inherited_one_would_hold()
    {
        var b = new MachineBuilder<SessionState, SessionTrigger, SessionContext, int>("replace", SessionState.Ready);
        b.Configure(SessionState.Session).Permit(SessionTrigger.Request, SessionState.Closed);
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session)
            .PermitIf(SessionTrigger.Request, SessionState.Busy, "authorized", (in c, in _) => c.Authorized);
        b.Configure(SessionState.Busy).SubstateOf(SessionState.Session);
        var m = b.Build();

        Assert.Equal(RejectReason.GuardsFailed, m.Step(SessionState.Ready, default, SessionTrigger.Request, 0).Reason);
        Assert.Equal(SessionState.Busy, m.Step(SessionState.Ready, Authorized, SessionTrigger.Request, 0).State);
        Assert.Equal(SessionState.Closed, m.Step(SessionState.Busy, default, SessionTrigger.Request, 0).State);
        Assert.Equal(SessionState.Closed, m.Step(SessionState.Session, default, SessionTrigger.Request, 0).State);
    }

    [Fact]
    public void Inheritance_reaches_through_several_levels()
    {
        var b = new MachineBuilder<SessionState, SessionTrigger, SessionContext, int>("deep", SessionState.Busy);
        b.Configure(SessionState.Idle).Permit(SessionTrigger.Close, SessionState.Closed);
        b.Configure(SessionState.Session).SubstateOf(SessionState.Idle);
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session);
        b.Configure(SessionState.Busy).SubstateOf(SessionState.Ready);
        var m = b.Build();

        var r = m.Step(SessionState.Busy, default, SessionTrigger.Close, 0);
        Assert.Equal(SessionState.Closed, r.State);
        Assert.Equal(SessionState.Idle, m.Transitions[r.TransitionIndex].From);
        Assert.True(m.IsInState(SessionState.Busy, SessionState.Idle));
        Assert.False(m.IsInState(SessionState.Idle, SessionState.Busy));
    }

    [Fact]
    public void A_reentry_stays_and_runs_its_effect()
    {
        var r = M.Step(SessionState.Busy, Authorized with { Pending = 1 }, SessionTrigger.Request, 0);
        var t = Fired(r);
        Assert.Equal(TransitionKind.Reentry, t.Kind);
        Assert.Equal(SessionState.Busy, t.To);
        Assert.Equal(SessionState.Busy, r.State);
        Assert.Equal(2, r.Context.Pending);
    }

    [Fact]
    public void An_inherited_reentry_lands_in_the_superstate_that_declared_it()
    {
        var b = new MachineBuilder<SessionState, SessionTrigger, SessionContext, int>("reset", SessionState.Ready);
        b.Configure(SessionState.Session).PermitReentry(SessionTrigger.Fail, effectName: "reset", effect: (in _, in _) => default);
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session);
        var m = b.Build();

        var r = m.Step(SessionState.Ready, Authorized with { Served = 9 }, SessionTrigger.Fail, 0);
        Assert.True(r.IsFired);
        Assert.Equal(SessionState.Session, r.State);
        Assert.Equal(default, r.Context);
        Assert.Equal("Fail / reset", m.Transitions[r.TransitionIndex].Label);
    }

    [Fact]
    public void A_guarded_ignore_ignores_only_when_its_guard_holds()
    {
        var b = new MachineBuilder<SessionState, SessionTrigger, SessionContext, int>("ignore-if", SessionState.Ready);
        b.Configure(SessionState.Ready)
            .IgnoreIf(SessionTrigger.Request, "duplicate", (in _, in i) => i == 0)
            .PermitIf(SessionTrigger.Request, SessionState.Busy, "fresh", (in _, in i) => i > 0);
        var m = b.Build();

        Assert.Equal(StepOutcome.Ignored, m.Step(SessionState.Ready, default, SessionTrigger.Request, 0).Outcome);
        Assert.Equal(SessionState.Busy, m.Step(SessionState.Ready, default, SessionTrigger.Request, 1).State);
        Assert.Equal(RejectReason.GuardsFailed, m.Step(SessionState.Ready, default, SessionTrigger.Request, -1).Reason);
        Assert.False(m.CanFire(SessionState.Ready, default, SessionTrigger.Request, 0));
        Assert.True(m.CanFire(SessionState.Ready, default, SessionTrigger.Request, 1));
    }

    [Fact]
    public void Values_outside_the_enums_are_not_configured()
    {
        var r = M.Step((SessionState)200, Authorized, SessionTrigger.Close, 0);
        Assert.Equal(RejectReason.NotConfigured, r.Reason);
        Assert.Equal((SessionState)200, r.State);
        Assert.Equal(RejectReason.NotConfigured, M.Step(SessionState.Ready, Authorized, (SessionTrigger)77, 0).Reason);
        Assert.False(M.CanFire((SessionState)200, Authorized, SessionTrigger.Close, 0));
        Assert.Equal(0, M.Enabled((SessionState)200, Authorized, 0, new SessionTrigger[M.Triggers.Count]));
    }

    [Fact]
    public void Enabled_lists_what_fires_in_trigger_order_and_not_what_is_ignored()
    {
        Span<SessionTrigger> into = stackalloc SessionTrigger[M.Triggers.Count];

        int n = M.Enabled(SessionState.Busy, Authorized with { Pending = 1 }, 0, into);
        Assert.Equal([SessionTrigger.Request, SessionTrigger.Respond, SessionTrigger.Close], into[..n].ToArray());

        n = M.Enabled(SessionState.Ready, Authorized with { Authorized = false }, 0, into);
        Assert.Equal([SessionTrigger.Ping, SessionTrigger.Close], into[..n].ToArray());

        n = M.Enabled(SessionState.Idle, default, 0, into);
        Assert.Equal([SessionTrigger.Initialize], into[..n].ToArray());

        Assert.Equal(0, M.Enabled(SessionState.Closed, default, 0, into));
    }

    [Fact]
    public void Enabled_refuses_a_span_that_cannot_hold_every_trigger()
    {
        var small = new SessionTrigger[M.Triggers.Count - 1];
        Assert.Throws<ArgumentException>(() => M.Enabled(SessionState.Closed, default, 0, small));
    }

    [Fact]
    public void Structure_queries_follow_the_declared_hierarchy()
    {
        Assert.Equal(SessionState.Session, M.ParentOf(SessionState.Busy));
        Assert.Null(M.ParentOf(SessionState.Session));
        Assert.Null(M.ParentOf((SessionState)99));
        Assert.True(M.IsInState(SessionState.Ready, SessionState.Session));
        Assert.True(M.IsInState(SessionState.Ready, SessionState.Ready));
        Assert.False(M.IsInState(SessionState.Session, SessionState.Ready));
        Assert.False(M.IsInState(SessionState.Idle, SessionState.Session));
        Assert.False(M.IsInState((SessionState)99, (SessionState)99));
        Assert.True(M.IsFinal(SessionState.Closed));
        Assert.False(M.IsFinal(SessionState.Ready));
        Assert.Equal(Enum.GetValues<SessionState>(), M.States);
        Assert.Equal(Enum.GetValues<SessionTrigger>(), M.Triggers);
        Assert.Equal(SessionState.Idle, M.Initial);
        Assert.Equal("toy-session", M.Name);
    }

    [Fact]
    public void Transitions_are_numbered_in_declaration_order()
    {
        for (int i = 0; i < M.Transitions.Count; i++) Assert.Equal(i, M.Transitions[i].Index);
        Assert.Equal(12, M.Transitions.Count);
        Assert.Equal((SessionState.Idle, SessionTrigger.Initialize), (M.Transitions[0].From, M.Transitions[0].Trigger));
        Assert.Equal((SessionState.Busy, SessionTrigger.Ping), (M.Transitions[11].From, M.Transitions[11].Trigger));
    }

    [Fact]
    public void Labels_follow_the_uml_notation()
    {
        string[] labels = M.Transitions.Select(t => t.Label).ToArray();
        Assert.Contains("Initialize", labels);
        Assert.Contains("Request [authorized] / enqueue", labels);
        Assert.Contains("Ping / countPing", labels);
        Assert.Contains("Respond [more] / complete", labels);

        var b = new MachineBuilder<SessionState, SessionTrigger, SessionContext, int>("labels", SessionState.Idle);
        b.Configure(SessionState.Idle).PermitIf(SessionTrigger.Close, SessionState.Closed, "done", (in _, in _) => true);
        Assert.Equal("Close [done]", b.Build().Transitions[0].Label);
    }

    [Fact]
    public void A_built_machine_does_not_see_later_configuration_or_a_reused_rules_array()
    {
        var b = new MachineBuilder<SessionState, SessionTrigger, SessionContext, int>("frozen", SessionState.Idle);
        string[] rules = ["rule.a"];
        b.Configure(SessionState.Idle).Permit(SessionTrigger.Close, SessionState.Closed, rules);
        var first = b.Build();
        rules[0] = "rule.changed";
        b.Configure(SessionState.Idle).Ignore(SessionTrigger.Ping);
        var second = b.Build();

        Assert.Equal(["rule.a"], first.Transitions[0].Rules);
        Assert.Single(first.Transitions);
        Assert.Equal(RejectReason.NotConfigured, first.Step(SessionState.Idle, default, SessionTrigger.Ping, 0).Reason);
        Assert.Equal(StepOutcome.Ignored, second.Step(SessionState.Idle, default, SessionTrigger.Ping, 0).Outcome);
        Assert.IsNotType<string[]>(first.Transitions[0].Rules);
        Assert.IsNotType<SessionState[]>(first.States);
    }
}
