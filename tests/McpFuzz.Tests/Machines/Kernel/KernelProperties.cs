using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Tests.Machines.Kernel;

public class KernelProperties
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true);

    private static readonly Gen<int> SmallInts = Gen.Choose(-2, 9);

    /// <summary>Any int as a state or trigger value: mostly defined members, sometimes not.</summary>
    private static readonly Gen<int> EnumValues = Gen.Frequency((6, Gen.Choose(0, 6)), (1, ArbMap.Default.GeneratorFor<int>()));

    private static readonly Gen<SessionContext> SessionContexts =
        from pending in Gen.Choose(-1, 3)
        from served in Gen.Choose(0, 3)
        from pings in Gen.Choose(0, 3)
        from authorized in ArbMap.Default.GeneratorFor<bool>()
        select new SessionContext(pending, served, pings, authorized);

    [Fact]
    public void Step_is_deterministic_and_leaves_the_callers_context_alone()
    {
        var m = ToySession.Machine;
        var cases = from state in EnumValues
                    from trigger in EnumValues
                    from context in SessionContexts
                    from input in SmallInts
                    select (state: (SessionState)state, trigger: (SessionTrigger)trigger, context, input);
        Check.One(Many, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var context = c.context;
            var first = m.Step(c.state, context, c.trigger, c.input);
            Assert.Equal(c.context, context);
            var second = m.Step(c.state, context, c.trigger, c.input);
            Assert.Equal(first, second);
            if (!first.IsFired) Assert.Equal((c.state, c.context), (first.State, first.Context));
        }));
    }

    [Fact]
    public void Step_on_random_tables_agrees_with_a_direct_reading_of_the_table()
    {
        var cases = from spec in MachineSpec.Generator
                    from probes in Gen.ListOf(from s in Gen.Choose(-1, MachineSpec.StateCount)
                                              from t in Gen.Choose(-1, MachineSpec.TriggerCount)
                                              from c in SmallInts
                                              from i in SmallInts
                                              select (s, t, c, i))
                    select (spec, probes);
        Check.One(Many, Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var m = x.spec.Build();
            foreach (var (s, t, c, i) in x.probes)
            {
                var context = new Counter(c);
                var r = m.Step((RState)s, context, (RTrigger)t, i);
                var expected = x.spec.Reference(s, context, t, i);
                Assert.Equal(expected, (r.Outcome, r.Reason, (int)r.State, r.Context, r.TransitionIndex));
                Assert.Equal(r, m.Step((RState)s, context, (RTrigger)t, i));
                Assert.Equal(new Counter(c), context);
            }
        }));
    }

    [Fact]
    public void Enabled_lists_exactly_the_triggers_that_fire_and_CanFire_agrees()
    {
        var cases = from spec in MachineSpec.Generator
                    from probes in Gen.ListOf(from s in Gen.Choose(-1, MachineSpec.StateCount)
                                              from c in SmallInts
                                              from i in SmallInts
                                              select (s, c, i))
                    select (spec, probes);
        Check.One(Many, Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var m = x.spec.Build();
            var into = new RTrigger[m.Triggers.Count];
            foreach (var (s, c, i) in x.probes)
            {
                var state = (RState)s;
                var context = new Counter(c);
                int n = m.Enabled(state, context, i, into);
                var firing = m.Triggers.Where(t => m.Step(state, context, t, i).IsFired).ToArray();
                Assert.Equal(firing, into[..n]);
                Assert.All(m.Triggers, t => Assert.Equal(firing.Contains(t), m.CanFire(state, context, t, i)));
            }
        }));
    }

    [Fact]
    public void A_random_walk_stays_within_the_states_Validate_calls_reachable()
    {
        var cases = from spec in MachineSpec.Generator
                    from walk in Gen.ListOf(from t in Gen.Choose(0, MachineSpec.TriggerCount - 1)
                                            from i in SmallInts
                                            select (t, i))
                    select (spec, walk);
        Check.One(Many, Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var m = x.spec.Build();
            var unreachable = m.Validate().Where(v => v.Kind == ValidationIssueKind.Unreachable).Select(v => v.State).ToHashSet();
            Assert.DoesNotContain(m.Initial.ToString(), unreachable);
            var state = m.Initial;
            var context = default(Counter);
            foreach (var (t, i) in x.walk)
            {
                var r = m.Step(state, context, (RTrigger)t, i);
                (state, context) = (r.State, r.Context);
                Assert.DoesNotContain(state.ToString(), unreachable);
                // Every ancestor of a reachable state is reachable too.
                for (var a = m.ParentOf(state); a is { } ancestor; a = m.ParentOf(ancestor))
                    Assert.DoesNotContain(ancestor.ToString(), unreachable);
            }
        }));
    }

    [Fact]
    public void Step_never_throws_for_any_state_trigger_context_and_input()
    {
        var cases = from spec in MachineSpec.Generator
                    from probes in Gen.ListOf(from s in EnumValues
                                              from t in EnumValues
                                              from c in ArbMap.Default.GeneratorFor<int>()
                                              from i in ArbMap.Default.GeneratorFor<int>()
                                              select (s, t, c, i))
                    select (spec, probes);
        Check.One(Many, Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var m = x.spec.Build();
            foreach (var (s, t, c, i) in x.probes)
            {
                var r = m.Step((RState)s, new Counter(c), (RTrigger)(byte)t, i);
                Assert.True(Enum.IsDefined(r.Outcome));
                bool defined = Enum.IsDefined((RState)s) && Enum.IsDefined((RTrigger)(byte)t);
                if (!defined) Assert.Equal((StepOutcome.Rejected, RejectReason.NotConfigured, (RState)s), (r.Outcome, r.Reason, r.State));
            }

            // The toy session too, where every guard and effect is of the model's own making.
            var toy = ToySession.Machine;
            foreach (var (s, t, c, i) in x.probes)
                toy.Step((SessionState)(byte)s, new SessionContext(c, c, c, (i & 1) == 0), (SessionTrigger)(byte)t, i);
        }));
    }
}
