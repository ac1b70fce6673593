using McpFuzz.Driver.CoverageFuzz;

namespace McpFuzz.Tests.Engines;

public sealed class FeatureCoverTests
{
    [Fact]
    public void It_keeps_every_feature_with_fewer_inputs_preferring_the_one_that_covers_most()
    {
        int[]?[] features = [[1, 2], [2, 3], [1, 2, 3, 4], [4], null, [5], [5]];
        long[] sizes = [1, 1, 10, 1, 1, 3, 2];

        var kept = FeatureCover.Choose(features, sizes);

        // {1,2,3,4} alone covers the first four; of the two equal [5], the shorter; the skipped input never.
        Assert.Equal([2, 6], kept);
    }

    [Fact]
    public void An_input_made_redundant_by_later_choices_is_dropped()
    {
        // Greedy first takes 0 (three new features), then needs 1 and 2 for 4 and 5, which together
        // also hold all of 0's features.
        int[]?[] features = [[1, 2, 3], [1, 2, 4], [3, 5]];
        long[] sizes = [1, 1, 1];

        var kept = FeatureCover.Choose(features, sizes);

        Assert.Equal([1, 2], kept);
        Assert.Equal([1, 2, 3, 4, 5], kept.SelectMany(k => features[k]!).Distinct().Order());
    }

    [Fact]
    public void Nothing_to_cover_keeps_nothing()
    {
        Assert.Empty(FeatureCover.Choose([null, []], [1, 1]));
    }
}
