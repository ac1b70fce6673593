namespace McpFuzz.Model.Revisions;

using static Revision;

public static partial class RuleCatalog
{
    /// <summary>Rules on Streamable HTTP sessions (<c>Mcp-Session-Id</c>). Sessions exist from
    /// 2025-03-26 to 2025-11-25; 2026-07-28 removed them (see <c>modern.ignore-session-id</c>).</summary>
    public static class Session
    {
        private static readonly RevisionSet Sessions = RevisionSet.Range(V2025_03_26, V2025_11_25);

        public static readonly Rule AssignAtInitialize = new(
            "session.assign-at-initialize", RuleLevel.May, RuleSide.Server, Sessions,
            "2025-03-26/basic/transports#session-management",
            "A server that uses sessions hands out the id in the Mcp-Session-Id header of the response carrying the InitializeResult.");

        public static readonly Rule IdSecure = new(
            "session.id-secure", RuleLevel.Should, RuleSide.Server, Sessions,
            "2025-03-26/basic/transports#session-management",
            "A session id is globally unique and cryptographically secure, not guessable.");

        public static readonly Rule IdCharset = new(
            "session.id-charset", RuleLevel.Must, RuleSide.Server, Sessions,
            "2025-03-26/basic/transports#session-management",
            "A session id consists only of visible ASCII characters 0x21 to 0x7E.");

        public static readonly Rule ClientSendsId = new(
            "session.client-sends-id", RuleLevel.Must, RuleSide.Client, Sessions,
            "2025-03-26/basic/transports#session-management",
            "A client that was given a session id sends it in Mcp-Session-Id on every later HTTP request (POST, GET and DELETE).");

        public static readonly Rule Missing400 = new(
            "session.missing-400", RuleLevel.Should, RuleSide.Server, Sessions,
            "2025-03-26/basic/transports#session-management",
            "A server that requires sessions answers a non-initialize request without Mcp-Session-Id with 400 Bad Request.");

        public static readonly Rule Expired404 = new(
            "session.expired-404", RuleLevel.Must, RuleSide.Server, Sessions,
            "2025-03-26/basic/transports#session-management",
            "A server that terminated a session answers requests bearing its id with 404 Not Found.");

        public static readonly Rule Expired404Reinitialize = new(
            "session.expired-404-reinit", RuleLevel.Must, RuleSide.Client, Sessions,
            "2025-03-26/basic/transports#session-management",
            "A client that gets 404 to a request carrying a session id starts a new session with an initialize request sent without a session id.");

        public static readonly Rule Delete = new(
            "session.delete", RuleLevel.Should, RuleSide.Client, Sessions,
            "2025-03-26/basic/transports#session-management",
            "A client that no longer needs its session sends an HTTP DELETE with the Mcp-Session-Id to the MCP endpoint.");

        public static readonly Rule Delete405 = new(
            "session.delete-405", RuleLevel.May, RuleSide.Server, Sessions,
            "2025-03-26/basic/transports#session-management",
            "A server that does not let clients end sessions answers DELETE with 405 Method Not Allowed.");

        // 2025-11-25 points the transport's session text at the session-hijacking guidance, which is
        // what turns "possession of the id" into a security defect rather than a design choice.
        public static readonly Rule NotAuthentication = new(
            "session.not-authentication", RuleLevel.Must, RuleSide.Server, RevisionSet.Of(V2025_11_25),
            "2025-11-25/basic/transports#session-management",
            "A server that implements authorization checks every request on its own and never treats a valid session id as authentication.");
    }

    private static IEnumerable<Rule> SessionRules() =>
    [
        Session.AssignAtInitialize, Session.IdSecure, Session.IdCharset, Session.ClientSendsId, Session.Missing400,
        Session.Expired404, Session.Expired404Reinitialize, Session.Delete, Session.Delete405, Session.NotAuthentication,
    ];
}
