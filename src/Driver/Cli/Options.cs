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

    /// <summary>A word from a fixed list, lower case as typed; an error names the option and the
    /// words it takes (the parser's own message names neither).</summary>
    public static Option<string> Choice(string name, string alias, string[] choices, string? defaultValue, string description)
    {
        var option = new Option<string>(name, alias)
        {
            Description = description,
            HelpName = string.Join('|', choices),
            Required = defaultValue is null,
        };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue;
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (value is not null && !choices.Contains(value)) result.AddError($"{name}: '{value}' is not one of {string.Join(", ", choices)}");
        });
        return option;
    }
}
