using System;
using System.CommandLine;
using System.CommandLine.Parsing;

namespace TcpGen.Cli.Commands
{
    /// <summary>
    /// The <c>--format</c> option every command shares. Values are checked by our own validator because
    /// System.CommandLine's built-in one reports over several lines and we promise one line per error.
    /// </summary>
    public static class FormatOption
    {
        public static Option<string> Create(string defaultFormat, params string[] formats)
        {
            string list = string.Join(", ", formats);
            var option = new Option<string>("--format")
            {
                Description = $"Output format: {list}.",
                HelpName = string.Join("|", formats),
                DefaultValueFactory = _ => defaultFormat,
            };
            option.CompletionSources.Add(formats);
            option.Validators.Add(result => Validate(result, formats, list));
            return option;
        }

        private static void Validate(OptionResult result, string[] formats, string list)
        {
            string? value = result.GetValueOrDefault<string>();
            if (value is null || Array.IndexOf(formats, value) < 0)
            {
                result.AddError($"--format must be one of {list}, not '{value}'");
            }
        }
    }
}
