using System.CommandLine;

namespace McpFuzz.Driver.Cli;

/// <summary>Option builders shared by commands, so each option is validated one way.</summary>
public static class Options
{
    public static Option<T> Positive<T>(string name, T defaultValue, string description)
        where T : struct, IComparable<T>
    {
        var option = new Option<T>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>().CompareTo(default) <= 0) result.AddError($"{name}: must be greater than zero");
        });
        return option;
    }
}
