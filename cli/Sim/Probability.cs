using System.Globalization;

namespace TcpGen.Cli.Sim
{
    /// <summary>Parses a probability written as a percentage (<c>5%</c>, <c>0.1%</c>) or a fraction (<c>0.05</c>).</summary>
    public static class Probability
    {
        /// <summary>The probability in [0, 1] that <paramref name="text"/> denotes, or null with <paramref name="error"/> saying why not.</summary>
        public static double? TryParse(string text, out string error)
        {
            string trimmed = text.Trim();
            bool percent = trimmed.EndsWith('%');
            if (percent)
            {
                trimmed = trimmed.Substring(0, trimmed.Length - 1).TrimEnd();
            }

            if (!double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value))
            {
                error = $"'{text}' is not a probability (examples: 5%, 0.1%, 0.05)";
                return null;
            }

            if (percent)
            {
                value /= 100;
            }

            if (value > 1)
            {
                error = percent
                    ? $"'{text}' is more than 100%"
                    : $"'{text}' is more than 1; write a percentage with '%' (e.g. {text}%)";
                return null;
            }

            error = string.Empty;
            return value;
        }

        /// <summary>A probability as a short percentage: 0.05 as "5%", 0.001 as "0.1%".</summary>
        public static string Format(double probability) =>
            (probability * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";
    }
}
