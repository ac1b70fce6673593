using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Tests.Machines.Kernel;

public class AllocationTests
{
    private static readonly SessionTrigger[] Script =
    [
        SessionTrigger.Initialize, SessionTrigger.Ping, SessionTrigger.Initialized, SessionTrigger.Request,
        SessionTrigger.Request, SessionTrigger.Ping, SessionTrigger.Respond, SessionTrigger.Respond,
        SessionTrigger.Fail, SessionTrigger.Ping, SessionTrigger.Close, SessionTrigger.Request,
    ];

    /// <summary>Runs <paramref name="steps"/> steps of the toy session (restarting when it closes),
    /// with CanFire and Enabled at every step; returns how many fired so the work is not dead code.</summary>
    private static int Run(StateMachine<SessionState, SessionTrigger, SessionContext, int> m, int steps, Span<SessionTrigger> enabled)
    {
        var state = m.Initial;
        var context = default(SessionContext);
        int fired = 0;
        for (int i = 0; i < steps; i++)
        {
            var trigger = Script[i % Script.Length];
            int input = i & 1;
            fired += m.Enabled(state, context, input, enabled);
            if (m.CanFire(state, context, trigger, input)) fired++;
            var r = m.Step(state, context, trigger, input);
            if (r.IsFired)
            {
                state = r.State;
                context = r.Context;
            }

            if (m.IsFinal(state) || m.IsInState(state, SessionState.Closed))
            {
                state = m.Initial;
                context = default;
            }
        }

        return fired;
    }

    [Fact]
    public void Step_CanFire_and_Enabled_do_not_allocate()
    {
        var m = ToySession.Machine;
        Span<SessionTrigger> enabled = stackalloc SessionTrigger[m.Triggers.Count];
        Run(m, 1_000, enabled); // warm up: first calls may allocate while the runtime sets up

        long before = GC.GetAllocatedBytesForCurrentThread();
        int fired = Run(m, 10_000, enabled);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(fired > 10_000, $"the script should fire often, fired {fired}");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_dictionary_path_for_wide_enums_does_not_allocate_either()
    {
        var b = new MachineBuilder<EnumIndexTests.Wide, EnumIndexTests.Sparse, int, int>("wide", EnumIndexTests.Wide.Low);
        b.Configure(EnumIndexTests.Wide.Low).Permit(EnumIndexTests.Sparse.Thousand, EnumIndexTests.Wide.High, "inc", (in c, in i) => c + i);
        b.Configure(EnumIndexTests.Wide.High).PermitIf(EnumIndexTests.Sparse.Five, EnumIndexTests.Wide.Low, "odd", (in c, in _) => (c & 1) == 1);
        var m = b.Build();
        Span<EnumIndexTests.Sparse> enabled = stackalloc EnumIndexTests.Sparse[m.Triggers.Count];

        long allocated = 0;
        for (int round = 0; round < 2; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var state = m.Initial;
            int context = 0;
            for (int i = 0; i < 10_000; i++)
            {
                var trigger = (i & 1) == 0 ? EnumIndexTests.Sparse.Thousand : EnumIndexTests.Sparse.Five;
                m.Enabled(state, context, 1, enabled);
                var r = m.Step(state, context, trigger, 1);
                if (r.IsFired) (state, context) = (r.State, r.Context);
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before; // the second round counts
        }

        Assert.Equal(0, allocated);
    }
}
