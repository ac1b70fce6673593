namespace McpFuzz.Tests.Engines;

/// <summary>The coverage trace is static, so engine tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EngineCollection
{
    public const string Name = "in-process engine";
}
