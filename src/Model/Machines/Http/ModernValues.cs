namespace McpFuzz.Model.Machines.Http;

/// <summary>The kinds of input a 2026-07-28 server may ask a client for in an InputRequiredResult
/// (2026-07-28/basic/patterns/mrtr#inputrequests), which are also the client capabilities a request
/// declares in <c>_meta</c>. <see cref="Other"/> is an input request of any other method, which no
/// capability covers.</summary>
[Flags]
public enum InputKinds : byte
{
    None = 0,
    Elicitation = 1 << 0,
    Sampling = 1 << 1,
    Roots = 1 << 2,
    Other = 1 << 3,
}

/// <summary>The notification types of a <c>subscriptions/listen</c> filter
/// (2026-07-28/basic/patterns/subscriptions#notification-filter). <see cref="Other"/> stands for a
/// notification no filter field asks for (progress, log messages).</summary>
[Flags]
public enum Topics : byte
{
    None = 0,
    ToolsListChanged = 1 << 0,
    PromptsListChanged = 1 << 1,
    ResourcesListChanged = 1 << 2,
    ResourceUpdated = 1 << 3,
    Other = 1 << 4,
}

/// <summary>Which notification a server notification is, as far as subscriptions depend on it.</summary>
public enum NoticeKind : byte
{
    /// <summary>Progress, a log message, or a method the model does not distinguish.</summary>
    Other,

    /// <summary><c>notifications/subscriptions/acknowledged</c>.</summary>
    Acknowledged,

    /// <summary><c>notifications/cancelled</c>: from a 2026-07-28 server, only the end of a subscription.</summary>
    Cancelled,
    ToolsListChanged,
    PromptsListChanged,
    ResourcesListChanged,
    ResourceUpdated,
}

/// <summary>The <c>resultType</c> of a result (jsonrpc.result-type): absent before 2026-07-28.</summary>
public enum ResultType : byte
{
    Absent,
    Complete,
    InputRequired,

    /// <summary>A value the revision does not define.</summary>
    Unknown,
}

public static class Notices
{
    /// <summary>The filter field that asks for a notification; <see cref="Topics.None"/> for the
    /// acknowledgement and the cancellation, which belong to every subscription.</summary>
    public static Topics TopicOf(NoticeKind notice) => notice switch
    {
        NoticeKind.Acknowledged or NoticeKind.Cancelled => Topics.None,
        NoticeKind.ToolsListChanged => Topics.ToolsListChanged,
        NoticeKind.PromptsListChanged => Topics.PromptsListChanged,
        NoticeKind.ResourcesListChanged => Topics.ResourcesListChanged,
        NoticeKind.ResourceUpdated => Topics.ResourceUpdated,
        _ => Topics.Other,
    };

    /// <summary>The notification method, for reports and the reference server.</summary>
    public static string Method(NoticeKind notice) => notice switch
    {
        NoticeKind.Acknowledged => "notifications/subscriptions/acknowledged",
        NoticeKind.Cancelled => "notifications/cancelled",
        NoticeKind.ToolsListChanged => "notifications/tools/list_changed",
        NoticeKind.PromptsListChanged => "notifications/prompts/list_changed",
        NoticeKind.ResourcesListChanged => "notifications/resources/list_changed",
        NoticeKind.ResourceUpdated => "notifications/resources/updated",
        _ => "notification",
    };
}
