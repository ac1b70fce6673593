using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Tests.Machines.Kernel;

public class EnumIndexTests
{
    public enum Sparse { Minus = -3, One = 1, Five = 5, Thousand = 1000 }

    public enum Wide { Low = int.MinValue, Zero = 0, High = int.MaxValue }

    public enum Aliased : byte { First = 1, Alias = 1, Second = 200 }

    public enum LongBacked : long { Far = long.MinValue, Near = 7 }

    public enum Go : short { Go = -1 }

    private static void RoundTrips<T>(params T[] undefined) where T : struct, Enum
    {
        var index = new EnumIndex<T>();
        var values = Enum.GetValues<T>().Distinct().ToArray();
        Assert.Equal(values.Length, index.Count);
        for (int i = 0; i < index.Count; i++)
        {
            Assert.Equal(i, index.IndexOf(index[i]));
            Assert.Contains(index[i], values);
        }

        foreach (var u in undefined) Assert.Equal(-1, index.IndexOf(u));
    }

    [Fact]
    public void Byte_int_short_and_long_enums_map_to_dense_indexes_and_back()
    {
        RoundTrips<SessionState>((SessionState)6, (SessionState)255);
        RoundTrips<Sparse>((Sparse)0, (Sparse)(-4), (Sparse)1001, (Sparse)int.MinValue, (Sparse)int.MaxValue);
        RoundTrips<Wide>((Wide)1, (Wide)(-1), (Wide)(int.MaxValue - 1));
        RoundTrips<Aliased>((Aliased)0, (Aliased)2, (Aliased)255);
        RoundTrips<LongBacked>((LongBacked)0, (LongBacked)long.MaxValue, (LongBacked)(long.MinValue + 1));
    }

    [Fact]
    public void An_alias_is_one_state()
    {
        Assert.Equal(2, new EnumIndex<Aliased>().Count);
        Assert.Equal(new EnumIndex<Aliased>().IndexOf(Aliased.First), new EnumIndex<Aliased>().IndexOf(Aliased.Alias));
    }

    [Fact]
    public void A_machine_over_sparse_int_enums_steps_like_any_other()
    {
        var b = new MachineBuilder<Wide, Sparse, int, int>("wide", Wide.Low);
        b.Configure(Wide.Low).Permit(Sparse.Thousand, Wide.High, "inc", (in c, in i) => c + i);
        b.Configure(Wide.High).SubstateOf(Wide.Zero).Ignore(Sparse.Minus);
        b.Configure(Wide.Zero).PermitIf(Sparse.Five, Wide.Low, "positive", (in c, in _) => c > 0);
        var m = b.Build();

        var r = m.Step(Wide.Low, 1, Sparse.Thousand, 2);
        Assert.Equal((StepOutcome.Fired, Wide.High, 3), (r.Outcome, r.State, r.Context));
        Assert.Equal(StepOutcome.Ignored, m.Step(Wide.High, 3, Sparse.Minus, 0).Outcome);
        Assert.Equal(Wide.Low, m.Step(Wide.High, 3, Sparse.Five, 0).State);
        Assert.Equal(RejectReason.NotConfigured, m.Step((Wide)12345, 3, Sparse.Five, 0).Reason);
        Assert.Equal(RejectReason.NotConfigured, m.Step(Wide.High, 3, (Sparse)2, 0).Reason);
        Assert.Equal([Wide.Low, Wide.Zero, Wide.High], m.States.Order());
        Assert.Equal(Wide.Zero, m.ParentOf(Wide.High));
    }

    [Fact]
    public void A_single_negative_short_value_works()
    {
        var b = new MachineBuilder<Go, Go, int, int>("go", Go.Go);
        b.Configure(Go.Go).PermitReentry(Go.Go);
        Assert.True(b.Build().Step(Go.Go, 0, Go.Go, 0).IsFired);
    }
}
