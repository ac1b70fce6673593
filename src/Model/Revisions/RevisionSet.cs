namespace McpFuzz.Model.Revisions;

/// <summary>A set of revisions as a bit mask: the revisions a rule applies to.</summary>
public readonly record struct RevisionSet(byte Bits)
{
    public static RevisionSet None => new(0);

    public static RevisionSet All => Range(Revision.V2024_11_05, Revisions.Latest);

    public static RevisionSet Of(params Revision[] revisions)
    {
        byte bits = 0;
        foreach (var r in revisions) bits |= (byte)(1 << (int)r);
        return new RevisionSet(bits);
    }

    /// <summary>Every revision from <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    public static RevisionSet Range(Revision first, Revision last)
    {
        byte bits = 0;
        for (int r = (int)first; r <= (int)last; r++) bits |= (byte)(1 << r);
        return new RevisionSet(bits);
    }

    /// <summary><paramref name="first"/> and every later revision.</summary>
    public static RevisionSet From(Revision first) => Range(first, Revisions.Latest);

    public bool Contains(Revision revision) => (Bits & (1 << (int)revision)) != 0;

    public bool IsEmpty => Bits == 0;

    public RevisionSet Except(RevisionSet other) => new((byte)(Bits & ~other.Bits));

    public RevisionSet Union(RevisionSet other) => new((byte)(Bits | other.Bits));

    public RevisionSet Intersect(RevisionSet other) => new((byte)(Bits & other.Bits));

    public IEnumerable<Revision> Members()
    {
        foreach (var r in Revisions.All)
        {
            if (Contains(r)) yield return r;
        }
    }

    /// <summary>"all", a single revision, or a comma-separated list of revision dates.</summary>
    public override string ToString() =>
        this == All ? "all" : string.Join(",", Members().Select(r => r.ToText()));
}
