using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>One input through a target outside a campaign: for <c>--reproduce</c> and
/// <c>--minimize</c>.</summary>
public static class TargetRunner
{
    /// <summary>The crash's signature and exception, or null when the input runs clean.</summary>
    public static (CrashSignature Signature, Exception Exception)? Run(IFuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
            return null;
        }
        catch (Exception e)
        {
            return (CrashSignature.Of(e), e);
        }
    }

    /// <summary>The smallest input that crashes the same way as <paramref name="input"/> (same
    /// exception type thrown from the same method, see <see cref="CrashSignature.Site"/>); null when
    /// <paramref name="input"/> does not crash.</summary>
    public static byte[]? Minimize(IFuzzTarget target, byte[] input, int maxTries = 100_000)
    {
        if (Run(target, input) is not { } original) return null;
        return Minimizer.Shrink(input, candidate => Run(target, candidate) is { } again && again.Signature.Site == original.Signature.Site, maxTries);
    }
}
