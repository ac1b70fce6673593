using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Tests.Machines.Kernel;

public class ValidateTests
{
    private static MachineBuilder<SessionState, SessionTrigger, SessionContext, int> New() => new("v", SessionState.Idle);

    private static readonly Guard<SessionContext, int> Authorized = (in c, in _) => c.Authorized;

    private static IEnumerable<(string State, string? Trigger)> Of(
        IReadOnlyList<ValidationIssue> issues, ValidationIssueKind kind) =>
        issues.Where(i => i.Kind == kind).Select(i => (i.State, i.Trigger));

    [Fact]
    public void The_toy_session_has_only_unhandled_pairs()
    {
        var issues = ToySession.Machine.Validate();
        Assert.All(issues, i => Assert.Equal(ValidationIssueKind.Unhandled, i.Kind));
        // Closed is final: none of its pairs is listed.
        Assert.DoesNotContain(issues, i => i.State == "Closed");
        Assert.Contains(issues, i => i.State == "Idle" && i.Trigger == "Respond");
        // Ready inherits Close and Ping, so those pairs are handled.
        Assert.DoesNotContain(issues, i => i.State == "Ready" && i.Trigger is "Close" or "Ping");
    }

    [Fact]
    public void A_state_no_transition_leads_to_is_unreachable()
    {
        var b = New();
        b.Configure(SessionState.Idle).Permit(SessionTrigger.Initialize, SessionState.Initializing);
        b.Configure(SessionState.Initializing)
            .PermitIf(SessionTrigger.Initialized, SessionState.Ready, "never", (in _, in _) => false)
            .Permit(SessionTrigger.Fail, SessionState.Closed);
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session).Permit(SessionTrigger.Close, SessionState.Closed);
        b.Configure(SessionState.Busy).SubstateOf(SessionState.Session).Permit(SessionTrigger.Respond, SessionState.Ready);
        b.Configure(SessionState.Closed).Final();

        var issues = b.Build().Validate();
        // Guards are ignored, so Ready counts as reachable; Session is reachable through Ready;
        // Busy has a way out, but no way in.
        Assert.Equal([("Busy", (string?)null)], Of(issues, ValidationIssueKind.Unreachable));
        Assert.Contains("Busy cannot be reached from Idle", issues.First(i => i.Kind == ValidationIssueKind.Unreachable).Message);
    }

    [Fact]
    public void Internal_and_ignore_transitions_reach_nothing_new()
    {
        var b = New();
        b.Configure(SessionState.Idle).InternalTransition(SessionTrigger.Ping, "p", (in c, in _) => c).Ignore(SessionTrigger.Close);
        b.Configure(SessionState.Closed).Final();
        var unreachable = Of(b.Build().Validate(), ValidationIssueKind.Unreachable).Select(p => p.State);
        Assert.Equal(["Initializing", "Session", "Ready", "Busy", "Closed"], unreachable);
    }

    [Fact]
    public void A_superstate_is_reachable_only_through_a_reachable_substate()
    {
        var b = New();
        b.Configure(SessionState.Idle).Permit(SessionTrigger.Request, SessionState.Busy);
        b.Configure(SessionState.Busy).SubstateOf(SessionState.Ready);
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session);
        b.Configure(SessionState.Session).Permit(SessionTrigger.Close, SessionState.Initializing);

        var unreachable = Of(b.Build().Validate(), ValidationIssueKind.Unreachable).Select(p => p.State);
        Assert.Equal(["Closed"], unreachable);
    }

    [Fact]
    public void An_unguarded_transition_beside_guarded_ones_overlaps_once_where_declared()
    {
        var b = New();
        b.Configure(SessionState.Session)
            .PermitIf(SessionTrigger.Request, SessionState.Busy, "authorized", Authorized)
            .Permit(SessionTrigger.Request, SessionState.Closed)
            .PermitIf(SessionTrigger.Close, SessionState.Closed, "a", Authorized)
            .PermitIf(SessionTrigger.Close, SessionState.Idle, "b", Authorized);
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session);

        var issues = b.Build().Validate();
        // Two guarded ones that may overlap cannot be judged statically; Ready inherits the
        // overlap but does not repeat it.
        Assert.Equal([("Session", (string?)"Request")], Of(issues, ValidationIssueKind.Overlap));
        Assert.Contains("Ambiguous", issues.First(i => i.Kind == ValidationIssueKind.Overlap).Message);
    }

    [Fact]
    public void An_unguarded_ignore_beside_a_guarded_permit_overlaps()
    {
        var b = New();
        b.Configure(SessionState.Idle)
            .Ignore(SessionTrigger.Ping)
            .PermitIf(SessionTrigger.Ping, SessionState.Closed, "authorized", Authorized);
        var m = b.Build();
        Assert.Equal([("Idle", (string?)"Ping")], Of(m.Validate(), ValidationIssueKind.Overlap));
        // And the overlap is real: when the guard holds, Step cannot choose.
        Assert.Equal(RejectReason.Ambiguous, m.Step(SessionState.Idle, new SessionContext(0, 0, 0, true), SessionTrigger.Ping, 0).Reason);
    }

    [Fact]
    public void A_non_final_state_without_a_way_out_is_a_dead_end()
    {
        var b = New();
        b.Configure(SessionState.Idle)
            .Permit(SessionTrigger.Initialize, SessionState.Initializing)
            .Permit(SessionTrigger.Close, SessionState.Closed)
            .Permit(SessionTrigger.Request, SessionState.Ready)
            .Permit(SessionTrigger.Respond, SessionState.Busy);
        // Only self-loops: stuck, though it answers.
        b.Configure(SessionState.Initializing).PermitReentry(SessionTrigger.Ping).InternalTransition(SessionTrigger.Fail, "f", (in c, in _) => c).Ignore(SessionTrigger.Close);
        // An inherited reentry leads out of the substate into the superstate.
        b.Configure(SessionState.Session).PermitReentry(SessionTrigger.Fail);
        b.Configure(SessionState.Ready).SubstateOf(SessionState.Session);
        // Busy has nothing at all; Closed has nothing but is final.
        b.Configure(SessionState.Closed).Final();

        var deadEnds = Of(b.Build().Validate(), ValidationIssueKind.DeadEnd).Select(p => p.State);
        Assert.Equal(["Initializing", "Session", "Busy"], deadEnds);
    }

    [Fact]
    public void Unhandled_lists_every_pair_without_candidates_in_enum_order()
    {
        var b = New();
        b.Configure(SessionState.Idle).Permit(SessionTrigger.Close, SessionState.Closed).Ignore(SessionTrigger.Ping);
        foreach (var s in new[] { SessionState.Initializing, SessionState.Session, SessionState.Ready, SessionState.Busy, SessionState.Closed })
            b.Configure(s).Final();

        var unhandled = Of(b.Build().Validate(), ValidationIssueKind.Unhandled).ToArray();
        Assert.Equal(
            [("Idle", "Initialize"), ("Idle", "Initialized"), ("Idle", "Fail"), ("Idle", "Request"), ("Idle", "Respond")],
            unhandled);
    }

    [Fact]
    public void Issues_come_grouped_by_kind()
    {
        var b = New();
        b.Configure(SessionState.Idle)
            .Ignore(SessionTrigger.Ping)
            .PermitIf(SessionTrigger.Ping, SessionState.Ready, "authorized", Authorized);
        var kinds = b.Build().Validate().Select(i => i.Kind).ToArray();
        Assert.Equal(kinds.Order(), kinds);
        Assert.Equal(
            [ValidationIssueKind.Unreachable, ValidationIssueKind.Overlap, ValidationIssueKind.DeadEnd, ValidationIssueKind.Unhandled],
            kinds.Distinct());
    }
}
