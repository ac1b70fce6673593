namespace McpFuzz.Model.Machines.Kernel;

/// <summary>One finding of <c>StateMachine.Validate</c>. States and triggers are given by name so
/// that issues from machines of different enum types can be listed together.</summary>
public sealed record ValidationIssue(ValidationIssueKind Kind, string State, string? Trigger, string Message);
