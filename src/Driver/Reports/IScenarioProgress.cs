using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Reports;

/// <summary>What a run tells about its scenarios while it goes: each one as it starts and as it
/// ends. Calls may come from several threads at once.</summary>
public interface IScenarioProgress
{
    void ScenarioStarted(string name, Revision revision);

    void ScenarioFinished(ScenarioResult result);

    /// <summary>A planned scenario the run left out once it knew the server (authorization, for a
    /// server that needs no token): it will neither start nor finish.</summary>
    void ScenarioOmitted(string name, Revision revision)
    {
    }
}

/// <summary>Progress nobody watches.</summary>
public sealed class NoProgress : IScenarioProgress
{
    public static readonly NoProgress Instance = new();

    private NoProgress()
    {
    }

    public void ScenarioStarted(string name, Revision revision)
    {
    }

    public void ScenarioFinished(ScenarioResult result)
    {
    }
}
