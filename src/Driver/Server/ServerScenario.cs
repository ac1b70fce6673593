using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Server;

/// <summary>A named conversation with the server that exposes some of its rules.</summary>
/// <param name="Applies">The revisions whose client would have this conversation.</param>
public sealed record ServerScenario(string Name, string Description, Func<Revision, bool> Applies, Func<Conversation, Task> Run);
