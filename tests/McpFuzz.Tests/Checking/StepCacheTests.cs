using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Tests.Checking;

/// <summary>The cache must answer exactly what the machine answers, for the states a run visits
/// and for arbitrary inputs; it may only be faster.</summary>
public class StepCacheTests
{
    [Theory]
    [InlineData(PeerRevision.V2025_03_26)]
    [InlineData(PeerRevision.V2025_11_25)]
    [InlineData(PeerRevision.DualEra)]
    public void Client_steps_and_decisions_are_the_machines(PeerRevision revision)
    {
        var machine = ClientMachines.For(revision);
        var triggers = Enum.GetValues<ClientTrigger>();
        var cache = new StepCache<ClientPhase, ClientTrigger, ClientContext, ClientInput>(machine, triggers[..8]);
        var random = new Random((int)revision);
        for (int walk = 0; walk < 300; walk++)
        {
            var phase = machine.Initial;
            var context = default(ClientContext);
            for (int step = 0; step < 30; step++)
            {
                uint expectedDecisions = 0;
                for (int d = 0; d < 8; d++) if (machine.CanFire(phase, context, triggers[d], default)) expectedDecisions |= 1u << d;
                Assert.Equal(expectedDecisions, cache.Decisions(phase, context));

                var trigger = triggers[random.Next(triggers.Length)];
                var input = RandomClientInput(random);
                var expected = machine.Step(phase, context, trigger, input);
                Assert.Equal(expected, cache.Step(phase, context, trigger, input));
                Assert.Equal(expected, cache.Step(phase, context, trigger, input));
                if (!expected.IsFired) continue;
                phase = expected.State;
                context = expected.Context;
                context.Out = default;
            }
        }
    }

    [Fact]
    public void Server_steps_are_the_machines()
    {
        var machine = ServerMachines.For(PeerRevision.V2025_11_25);
        var triggers = Enum.GetValues<ServerTrigger>();
        var cache = new StepCache<ServerPhase, ServerTrigger, ServerContext, ServerInput>(machine);
        var random = new Random(7);
        for (int walk = 0; walk < 300; walk++)
        {
            var phase = machine.Initial;
            var context = default(ServerContext);
            for (int step = 0; step < 20; step++)
            {
                var trigger = triggers[random.Next(triggers.Length)];
                var input = new ServerInput { Request = RandomRequest(random), Choice = (byte)random.Next(3) };
                var expected = machine.Step(phase, context, trigger, input);
                Assert.Equal(expected, cache.Step(phase, context, trigger, input));
                Assert.Equal(expected, cache.Step(phase, context, trigger, input));
                if (!expected.IsFired) continue;
                phase = expected.State;
                context = expected.Context;
                context.Out = default;
            }
        }
    }

    [Fact]
    public void A_machine_whose_keys_have_padding_is_answered_the_same()
    {
        var machine = McpFuzz.Tests.Machines.Kernel.ToySession.Machine;
        var cache = new StepCache<McpFuzz.Tests.Machines.Kernel.SessionState, McpFuzz.Tests.Machines.Kernel.SessionTrigger,
            McpFuzz.Tests.Machines.Kernel.SessionContext, int>(machine);
        var triggers = Enum.GetValues<McpFuzz.Tests.Machines.Kernel.SessionTrigger>();
        var random = new Random(11);
        for (int walk = 0; walk < 200; walk++)
        {
            var state = machine.Initial;
            var context = default(McpFuzz.Tests.Machines.Kernel.SessionContext);
            for (int step = 0; step < 25; step++)
            {
                var trigger = triggers[random.Next(triggers.Length)];
                int input = random.Next(2);
                var expected = machine.Step(state, context, trigger, input);
                Assert.Equal(expected, cache.Step(state, context, trigger, input));
                Assert.Equal(expected, cache.Step(state, context, trigger, input));
                (state, context) = (expected.State, expected.Context);
            }
        }
    }

    [Fact]
    public void Another_thread_gets_the_same_answers()
    {
        var machine = ClientMachines.For(PeerRevision.V2025_06_18);
        var cache = new StepCache<ClientPhase, ClientTrigger, ClientContext, ClientInput>(machine);
        var here = cache.Step(machine.Initial, default, ClientTrigger.PostInitialize, default);
        StepResultHolder there = new();
        var thread = new Thread(() => there.Value = cache.Step(machine.Initial, default, ClientTrigger.PostInitialize, default));
        thread.Start();
        thread.Join();
        Assert.Equal(here, there.Value);
        Assert.True(here.IsFired);
    }

    private sealed class StepResultHolder
    {
        public McpFuzz.Model.Machines.Kernel.StepResult<ClientPhase, ClientContext> Value;
    }

    private static ClientInput RandomClientInput(Random random) => new()
    {
        Purpose = (Purpose)random.Next(7),
        Request = RandomRequest(random),
        Head = new AbstractResponse
        {
            Status = (Status)random.Next(9),
            Body = (Body)random.Next(3),
            AssignedSession = (byte)random.Next(3),
            Message = RandomMessage(random),
            Error = (ErrorCode)random.Next(6),
        },
        Item = new SseItem { Kind = (EventKind)random.Next(4), EventId = (byte)random.Next(4), Retry = random.Next(2) == 1, Message = RandomMessage(random) },
        End = (StreamEnd)random.Next(4),
    };

    private static Message RandomMessage(Random random) =>
        Message.Of((MessageKind)random.Next(7), (byte)random.Next(4), (VersionValue)random.Next(6));

    private static AbstractRequest RandomRequest(Random random) => new()
    {
        Verb = (Verb)random.Next(3),
        Target = (Target)random.Next(2),
        Payload = (Payload)random.Next(6),
        Session = (byte)random.Next(3),
        VersionHeader = (VersionValue)random.Next(6),
        BodyVersion = (VersionValue)random.Next(6),
        LastEventId = (byte)random.Next(3),
        RequestId = (byte)random.Next(4),
        ModernMetadata = random.Next(2) == 1,
    };
}
