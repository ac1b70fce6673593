using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Tests.Machines.Kernel;

public class BuildTests
{
    private static MachineBuilder<SessionState, SessionTrigger, SessionContext, int> New(SessionState initial = SessionState.Idle) =>
        new("bad", initial);

    private static string Rejects(MachineBuilder<SessionState, SessionTrigger, SessionContext, int> builder)
    {
        var e = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("'bad'", e.Message);
        return e.Message;
    }

    private static readonly Guard<SessionContext, int> Always = (in _, in _) => true;
    private static readonly Effect<SessionContext, int> Same = (in c, in _) => c;

    [Fact]
    public void The_toy_session_builds()
    {
        Assert.NotNull(ToySession.Builder().Build());
    }

    [Fact]
    public void A_substate_cycle_is_rejected()
    {
        var b = New();
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Busy);
        b.Configure(SessionState.Busy).SubstateOf(SessionState.Session);
        b.Configure(SessionState.Session).SubstateOf(SessionState.Ready);
        string message = Rejects(b);
        Assert.Contains("substate cycle: Session -> Ready -> Busy -> Session", message);
        // Reported once, not once per member.
        Assert.Single(message.Split('\n'), l => l.Contains("cycle"));
    }

    [Fact]
    public void A_state_cannot_be_its_own_substate()
    {
        var b = New();
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Ready);
        Assert.Contains("Ready is declared a substate of itself", Rejects(b));
    }

    [Fact]
    public void A_state_with_two_parents_is_rejected()
    {
        var b = New();
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session).SubstateOf(SessionState.Idle);
        Assert.Contains("Ready is declared a substate of both Session and Idle", Rejects(b));
    }

    [Fact]
    public void Repeating_the_same_parent_is_harmless()
    {
        var b = New();
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session);
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session);
        Assert.Equal(SessionState.Session, b.Build().ParentOf(SessionState.Ready));
    }

    [Theory]
    [InlineData("permit+permit")]
    [InlineData("permit+ignore")]
    [InlineData("ignore+ignore")]
    [InlineData("reentry+internal")]
    public void Two_unguarded_transitions_for_one_pair_are_rejected(string combination)
    {
        var b = New();
        var idle = b.Configure(SessionState.Idle);
        switch (combination)
        {
            case "permit+permit": idle.Permit(SessionTrigger.Close, SessionState.Closed).Permit(SessionTrigger.Close, SessionState.Ready); break;
            case "permit+ignore": idle.Permit(SessionTrigger.Close, SessionState.Closed).Ignore(SessionTrigger.Close); break;
            case "ignore+ignore": idle.Ignore(SessionTrigger.Close); b.Configure(SessionState.Idle).Ignore(SessionTrigger.Close); break;
            case "reentry+internal": idle.PermitReentry(SessionTrigger.Close).InternalTransition(SessionTrigger.Close, "same", Same); break;
        }

        Assert.Contains("Idle on Close: 2 unguarded transitions", Rejects(b));
    }

    [Fact]
    public void Unguarded_transitions_of_a_parent_and_a_child_do_not_clash()
    {
        var b = New();
        b.Configure(SessionState.Session).Permit(SessionTrigger.Close, SessionState.Closed);
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session).Ignore(SessionTrigger.Close);
        Assert.NotNull(b.Build());
    }

    [Fact]
    public void An_external_transition_to_its_own_state_must_be_a_reentry()
    {
        var b = New();
        b.Configure(SessionState.Idle).Permit(SessionTrigger.Ping, SessionState.Idle);
        Assert.Contains("use PermitReentry", Rejects(b));
    }

    [Fact]
    public void An_internal_transition_needs_an_effect()
    {
        var b = New();
        b.Configure(SessionState.Idle).InternalTransition(SessionTrigger.Ping, "nothing", null!);
        string message = Rejects(b);
        Assert.Contains("use Ignore", message);
        Assert.Contains("an effect needs both a non-empty name and a delegate", message);
    }

    [Fact]
    public void A_guard_needs_a_name_and_a_delegate()
    {
        var b = New();
        b.Configure(SessionState.Idle).PermitReentry(SessionTrigger.Ping, guardName: "unnamed");
        b.Configure(SessionState.Ready).PermitReentry(SessionTrigger.Ping, guard: Always);
        b.Configure(SessionState.Busy).PermitIf(SessionTrigger.Close, SessionState.Closed, "", Always);
        string message = Rejects(b);
        Assert.Contains("Idle on Ping: a guard needs", message);
        Assert.Contains("Ready on Ping: a guard needs", message);
        Assert.Contains("Busy on Close: a guard needs", message);
    }

    [Fact]
    public void Rule_ids_must_not_be_blank()
    {
        var b = New();
        b.Configure(SessionState.Idle).Permit(SessionTrigger.Close, SessionState.Closed, "ok", " ");
        Assert.Contains("rule ids must be non-empty", Rejects(b));
    }

    [Fact]
    public void Values_outside_the_enum_are_rejected()
    {
        var b = New((SessionState)50);
        b.Configure((SessionState)51).Permit(SessionTrigger.Close, SessionState.Closed);
        b.Configure(SessionState.Idle).Permit((SessionTrigger)52, SessionState.Closed).Permit(SessionTrigger.Close, (SessionState)53);
        b.Configure(SessionState.Ready).SubstateOf((SessionState)54);
        string message = Rejects(b);
        Assert.Contains("initial state 50", message);
        Assert.Contains("configured state 51", message);
        Assert.Contains("trigger 52", message);
        Assert.Contains("destination 53", message);
        Assert.Contains("substate of 54", message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var b = New();
        b.Configure(SessionState.Idle).Permit(SessionTrigger.Ping, SessionState.Idle);
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Ready);
        string message = Rejects(b);
        Assert.Contains("use PermitReentry", message);
        Assert.Contains("substate of itself", message);
    }

    [Fact]
    public void A_blank_name_is_refused_at_once()
    {
        Assert.Throws<ArgumentException>(() => new MachineBuilder<SessionState, SessionTrigger, SessionContext, int>(" ", SessionState.Idle));
    }
}
