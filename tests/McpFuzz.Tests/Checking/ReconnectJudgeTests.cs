using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Revisions;
using Xunit;

namespace McpFuzz.Tests.Checking;

/// <summary>GET stream reconnects against a server that closes each stream at once.</summary>
public class ReconnectJudgeTests
{
    [Fact]
    public void A_client_that_waits_the_retry_and_gives_up_breaks_nothing()
    {
        var verdict = ReconnectJudge.Judge(Attempts(count: 3, gap: 300, retry: 250), Revision.V2025_11_25);
        Assert.True(verdict.Conforms);
        Assert.Contains("resume.bounded-reconnect", verdict.Checked);
        Assert.Contains("resume.client-waits-retry", verdict.Checked);
    }

    [Fact]
    public void More_than_ten_reconnects_are_unbounded()
    {
        var verdict = ReconnectJudge.Judge(Attempts(count: 12, gap: 300, retry: 250), Revision.V2025_11_25);
        Assert.Equal("resume.bounded-reconnect", Assert.Single(verdict.Deviations).Rule);
    }

    [Fact]
    public void Reconnecting_before_the_retry_interval_breaks_the_waiting_rule_where_it_holds()
    {
        var early = Attempts(count: 3, gap: 5, retry: 250);
        Assert.Equal("resume.client-waits-retry", Assert.Single(ReconnectJudge.Judge(early, Revision.V2025_11_25).Deviations).Rule);
        // 2025-06-18 has no retry rule for clients; the reconnect count is still judged.
        var older = ReconnectJudge.Judge(early, Revision.V2025_06_18);
        Assert.True(older.Conforms);
        Assert.DoesNotContain("resume.client-waits-retry", older.Checked);
    }

    [Fact]
    public void Without_a_retry_no_interval_is_required()
    {
        var verdict = ReconnectJudge.Judge(Attempts(count: 3, gap: 1, retry: null), Revision.V2025_11_25);
        Assert.True(verdict.Conforms);
        Assert.DoesNotContain("resume.client-waits-retry", verdict.Checked);
    }

    /// <summary>Streams that each end 10 ms after they open, the next one <paramref name="gap"/> ms later.</summary>
    private static List<StreamAttempt> Attempts(int count, long gap, long? retry)
    {
        var attempts = new List<StreamAttempt>();
        long at = 1000;
        long? ended = null;
        for (int i = 0; i < count; i++)
        {
            attempts.Add(new StreamAttempt(at, ended, i == 0 ? null : retry));
            ended = at + 10;
            at = ended.Value + gap;
        }

        return attempts;
    }
}
