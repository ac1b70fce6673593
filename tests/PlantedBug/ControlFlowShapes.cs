using System.Text;

namespace McpFuzz.PlantedBug;

/// <summary>
/// IL shapes the instrumenter must keep working, in one assembly that is instrumented whole:
/// switch tables, catch, filter, finally and fault blocks, rethrow, leave out of nested handlers,
/// loops with break and continue, iterators, async state machines, closures, generics. A test runs
/// <see cref="Exercise"/> instrumented and not, and compares the answers.
/// </summary>
public static class ControlFlowShapes
{
    public static string Exercise(int x)
    {
        var text = new StringBuilder();
        text.Append(Switch(x)).Append('|');
        text.Append(Handlers(x)).Append('|');
        text.Append(Loops(x)).Append('|');
        text.Append(string.Join(',', Iterate(x))).Append('|');
        text.Append(Async(x).GetAwaiter().GetResult()).Append('|');
        text.Append(Closure(x)).Append('|');
        text.Append(Generic(x, x.ToString())).Append('|');
        text.Append(Nested(x));
        return text.ToString();
    }

    private static string Switch(int x) => x switch
    {
        0 => "zero",
        1 => "one",
        2 => "two",
        3 => "three",
        5 => "five",
        8 => "eight",
        < 0 => "negative",
        _ => "other",
    };

    private static int _finallies;

    private static string Handlers(int x)
    {
        try
        {
            if (x == 1) throw new InvalidOperationException("catch");
            if (x is 2 or 3) throw new ArgumentException(x == 2 ? "filtered" : "not filtered");
            return "none";
        }
        catch (InvalidOperationException e)
        {
            return "catch:" + e.Message;
        }
        catch (ArgumentException e) when (e.Message == "filtered")
        {
            return "filter:" + e.Message;
        }
        catch (ArgumentException e)
        {
            return "fallback:" + e.Message;
        }
        finally
        {
            _finallies++;
        }
    }

    private static int Loops(int x)
    {
        int sum = 0;
        for (int i = 0; i < 20; i++)
        {
            if (i == Math.Abs(x) + 3) break;
            if (i % 3 == 0) continue;
            int j = i;
            while (j > 0)
            {
                sum += j & 1;
                j >>= 1;
            }
        }

        do sum++;
        while (sum % 4 != 0);
        return sum;
    }

    private static IEnumerable<int> Iterate(int x)
    {
        try
        {
            for (int i = 0; i < 3; i++)
            {
                if (i == x) yield break;
                yield return i * x;
            }
        }
        finally
        {
            _finallies++;
        }
    }

    private static async Task<int> Async(int x)
    {
        await Task.CompletedTask;
        try
        {
            if (x == 4) throw new TimeoutException();
            return x * 2;
        }
        catch (TimeoutException)
        {
            await Task.CompletedTask;
            return -1;
        }
    }

    private static int Closure(int x)
    {
        int captured = x;
        Func<int, int> f = y => y + captured;
        return Enumerable.Range(0, 4).Where(i => i != captured).Select(f).Sum();
    }

    private static string Generic<T>(T value, string name) where T : IComparable<T> =>
        value.CompareTo(value) == 0 ? $"{name}:{typeof(T).Name}" : "?";

    private static string Nested(int x)
    {
        var log = new StringBuilder();
        try
        {
            try
            {
                if (x == 6) throw new FormatException();
                log.Append('a');
            }
            catch (FormatException) when (x > 5)
            {
                log.Append('f');
                try
                {
                    throw;
                }
                finally
                {
                    log.Append('r');
                }
            }
            finally
            {
                log.Append('b');
            }
        }
        catch (FormatException)
        {
            log.Append('o');
        }

        return log.ToString();
    }
}
