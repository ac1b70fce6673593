using McpFuzz.Model.Checking;

namespace McpFuzz.Tests.Checking;

public class MemoTableTests
{
    private struct Key
    {
        public byte A;
        public byte B;
        public byte C;
    }

    [Fact]
    public void Finds_what_was_added_and_nothing_else()
    {
        var table = new MemoTable<Key, int>(capacity: 100_000);
        for (int i = 0; i < 50_000; i++)
        {
            var key = new Key { A = (byte)i, B = (byte)(i >> 8), C = (byte)(i >> 16) };
            Assert.False(table.TryGet(key, MemoTable<Key, int>.Hash(key), out _));
            table.Add(key, MemoTable<Key, int>.Hash(key), i);
        }

        for (int i = 0; i < 50_000; i++)
        {
            var key = new Key { A = (byte)i, B = (byte)(i >> 8), C = (byte)(i >> 16) };
            Assert.True(table.TryGet(key, MemoTable<Key, int>.Hash(key), out int value));
            Assert.Equal(i, value);
        }

        var absent = new Key { A = 1, B = 2, C = 200 };
        Assert.False(table.TryGet(absent, MemoTable<Key, int>.Hash(absent), out _));
    }

    [Fact]
    public void Keys_with_the_same_hash_are_still_told_apart()
    {
        var table = new MemoTable<Key, int>(capacity: 10);
        var one = new Key { A = 1 };
        var two = new Key { A = 2 };
        table.Add(one, 7, 1);
        table.Add(two, 7, 2);
        Assert.True(table.TryGet(one, 7, out int first));
        Assert.True(table.TryGet(two, 7, out int second));
        Assert.Equal((1, 2), (first, second));
    }

    [Fact]
    public void Stops_remembering_at_its_capacity()
    {
        var table = new MemoTable<Key, int>(capacity: 2);
        for (byte i = 0; i < 3; i++) table.Add(new Key { A = i }, i, i);
        Assert.Equal(2, table.Count);
        Assert.False(table.TryGet(new Key { A = 2 }, 2, out _));
    }
}
