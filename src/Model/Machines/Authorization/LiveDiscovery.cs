using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Model.Machines.Authorization;

/// <summary>How a live discovery walk ended.</summary>
public enum LiveDiscoveryEnd : byte
{
    /// <summary>Still walking: <see cref="LiveDiscovery.Next"/> says what to fetch.</summary>
    Walking,

    /// <summary>The request without a token was not answered 401: nothing to discover.</summary>
    NotChallenged,

    /// <summary>The conforming client of the revision finished (found its authorization server or gave up).</summary>
    Finished,
}

/// <summary>
/// The conforming client of one revision discovering against a real server: the revision's
/// discovery machine (<see cref="DiscoveryMachines"/>) steps on the answers the driver fetched, and
/// its output is the next probe, resolved to a URL by <see cref="ProbeUrls"/>. The driver only
/// fetches; the order is the machine's. What was found is kept for <see cref="LiveDiscoveryJudge"/>.
/// </summary>
public sealed class LiveDiscovery
{
    private readonly StateMachine<DiscoveryPhase, DiscoveryTrigger, DiscoveryContext, DocumentFacts> _machine;
    private readonly List<LiveAnswer> _answers = [];
    private DiscoveryPhase _phase;
    private DiscoveryContext _context;
    private bool _defaultsChecked;

    /// <param name="mcpEndpoint">The MCP endpoint's URL (absolute).</param>
    public LiveDiscovery(Revision revision, Uri mcpEndpoint)
    {
        ArgumentNullException.ThrowIfNull(mcpEndpoint);
        Revision = revision;
        McpEndpoint = mcpEndpoint;
        Urls = new ProbeUrls(mcpEndpoint, null, null);
        _machine = DiscoveryMachines.For((PeerRevision)(int)revision);
        var context = DiscoveryMachines.Initial(mcpEndpoint.AbsolutePath.TrimEnd('/').Length == 0);
        Fire(_machine.Initial, context, DiscoveryTrigger.Start, default);
    }

    public Revision Revision { get; }

    public Uri McpEndpoint { get; }

    public ProbeUrls Urls { get; private set; }

    public LiveDiscoveryEnd End { get; private set; }

    /// <summary>The status of the request without a token, or null for no answer.</summary>
    public int? ChallengeStatus { get; private set; }

    /// <summary>The 401's WWW-Authenticate value, as sent.</summary>
    public string? Challenge { get; private set; }

    /// <summary>The 401 names a resource_metadata URL (whether or not it is a usable URL).</summary>
    public bool ChallengeNamesMetadata { get; private set; }

    /// <summary>The issuer the protected resource metadata named, once known.</summary>
    public Uri? Issuer { get; private set; }

    /// <summary>The issuer string as the PRM spelled it: what authorization server metadata's
    /// issuer must be identical to.</summary>
    public string? IssuerText { get; private set; }

    /// <summary>The answers to the document probes, in order.</summary>
    public IReadOnlyList<LiveAnswer> Answers => _answers;

    /// <summary>How the conforming client ended (Pending while walking).</summary>
    public DiscoveryContext Final => _context;

    /// <summary>The probe to fetch now, with the headers the revision asks for; None when the walk
    /// is over. After a 2025-03-26 client settled on the default endpoints the walk looks at them
    /// once: whether they exist is the server's rule, not the client's step.</summary>
    public ProbeRequest Next => End != LiveDiscoveryEnd.Walking ? default
        : _context.Awaiting != Probe.None ? new ProbeRequest(_context.Awaiting, _context.Out.ProtocolVersionHeader)
        : _context.Outcome == DiscoveryOutcome.UsedDefaultEndpoints && !_defaultsChecked ? new ProbeRequest(Probe.DefaultEndpoints)
        : default;

    /// <summary>The URLs <see cref="Next"/> fetches (none when its basis is unknown, e.g. a
    /// resource_metadata value that is not an absolute URL).</summary>
    public IReadOnlyList<Uri> NextUrls => Next.Probe switch
    {
        Probe.None => [],
        Probe.DefaultEndpoints => Urls.DefaultEndpoints(),
        var p => Urls.Resolve(p) is { } url ? [url] : [],
    };

    /// <summary>The answer to the MCP request without a token.</summary>
    public void Challenged(int? status, string? wwwAuthenticate)
    {
        Require(Probe.McpEndpoint);
        ChallengeStatus = status;
        Challenge = wwwAuthenticate;
        if (status != 401)
        {
            End = LiveDiscoveryEnd.NotChallenged;
            return;
        }

        string? metadata = WwwAuthenticate.FindBearer(WwwAuthenticate.Parse(wwwAuthenticate))?.ResourceMetadata;
        ChallengeNamesMetadata = metadata is not null;
        Uri? metadataUrl = metadata is not null && Uri.TryCreate(metadata, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null;
        Urls = new ProbeUrls(McpEndpoint, metadataUrl, null);
        Step(ChallengeNamesMetadata ? DiscoveryTrigger.UnauthorizedWithResourceMetadata : DiscoveryTrigger.Unauthorized, default);
    }

    /// <summary>The answer to <see cref="Next"/> (a document probe).</summary>
    public void Fetched(LiveAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Require(answer.Probe);
        _answers.Add(answer);
        if (answer.Probe == Probe.DefaultEndpoints)
        {
            _defaultsChecked = true;
            End = LiveDiscoveryEnd.Finished;
            return;
        }

        var doc = answer.Document;
        if (answer.Probe.IsPrm())
        {
            var issuer = doc?.ChosenIssuer;
            if (issuer is null)
            {
                Step(DiscoveryTrigger.NotFound, default);
                return;
            }

            Issuer = issuer;
            IssuerText = doc!.AuthorizationServers.First(s => Uri.TryCreate(s, UriKind.Absolute, out var u) && u == issuer);
            Urls = new ProbeUrls(McpEndpoint, Urls.Resolve(Probe.PrmFromHeader), issuer);
            Step(DiscoveryTrigger.Found, new DocumentFacts(issuer.AbsolutePath.TrimEnd('/').Length > 0, false, false));
            return;
        }

        if (doc is null)
        {
            Step(DiscoveryTrigger.NotFound, default);
            return;
        }

        Step(DiscoveryTrigger.Found, new DocumentFacts(false, doc.CodeChallengeMethods is not null, IssuerIdentical(doc.Issuer)));
    }

    /// <summary>Whether metadata's issuer is the one the client built its URL from: exactly the
    /// PRM's entry; for 2025-03-26, where the MCP origin is the authorization server, that origin
    /// with or without its terminating slash (RFC 8414 strips it before inserting the well-known part).</summary>
    public bool IssuerIdentical(string? issuer)
    {
        if (issuer is null) return false;
        if (IssuerText is not null) return string.Equals(issuer, IssuerText, StringComparison.Ordinal);
        string origin = McpEndpoint.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        return issuer == origin || issuer == origin + "/";
    }

    /// <summary>The issuer metadata had to carry, in words.</summary>
    public string ExpectedIssuer => IssuerText ?? McpEndpoint.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

    private void Require(Probe probe)
    {
        if (Next.Probe != probe) throw new InvalidOperationException($"the walk waits for {Next.Probe}, not {probe}");
    }

    private void Step(DiscoveryTrigger trigger, DocumentFacts facts) => Fire(_phase, _context, trigger, facts);

    private void Fire(DiscoveryPhase phase, DiscoveryContext context, DiscoveryTrigger trigger, DocumentFacts facts)
    {
        var result = _machine.Step(phase, context, trigger, facts);
        if (!result.IsFired)
            throw new InvalidOperationException($"{_machine.Name}: {trigger} in {phase} was {result.Outcome} ({result.Reason})");
        (_phase, _context) = (result.State, result.Context);
        if (_machine.IsFinal(_phase) && Next.Probe == Probe.None) End = LiveDiscoveryEnd.Finished;
    }
}
