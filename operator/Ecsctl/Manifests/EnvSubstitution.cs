using System.Text;
using System.Text.RegularExpressions;
using EcsOperator.Core.Manifests;

namespace Ecsctl.Manifests;

/// <summary>
/// <c>ecsctl apply --env-substitution</c>: <c>${NAME}</c> becomes the environment variable's value and
/// <c>${NAME:-default}</c> the default when the variable is unset or empty (as in a shell); <c>$${</c> stays as a
/// literal <c>${</c>. An unset variable without a default, or a <c>${</c> that is not a reference, is an error at
/// FILE:LINE:COL. The substitution is textual (before YAML is read), so a value with YAML syntax in it (": ", a
/// leading "*") should be quoted in the manifest: <c>image: "${IMAGE}"</c>. Without the flag nothing is substituted.
/// </summary>
internal static partial class EnvSubstitution
{
    public static string Apply(string file, string text, List<ManifestError> errors, Func<string, string?> environment)
    {
        var sb = new StringBuilder(text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }

            if (c != '$' || i + 1 >= text.Length)
            {
                sb.Append(c);
                continue;
            }

            if (text[i + 1] == '$' && i + 2 < text.Length && text[i + 2] == '{')
            {
                sb.Append("${");
                i += 2;
                continue;
            }

            if (text[i + 1] != '{')
            {
                sb.Append(c);
                continue;
            }

            var m = Reference().Match(text, i);
            var column = i - lineStart + 1;
            if (!m.Success)
            {
                var end = text.IndexOfAny(['}', '\n'], i);
                var shown = end < 0 ? text[i..] : text[i..Math.Min(end + 1, text.Length)];
                errors.Add(new ManifestError(file, line, column, "", $"\"{shown.TrimEnd('\n')}\" is not ${{NAME}} or ${{NAME:-default}} (write $${{ for a literal ${{)"));
                sb.Append(c);
                continue;
            }

            var name = m.Groups["name"].Value;
            var value = environment(name);
            if (m.Groups["default"].Success)
            {
                sb.Append(string.IsNullOrEmpty(value) ? m.Groups["default"].Value : value);
            }
            else if (value is null)
            {
                errors.Add(new ManifestError(file, line, column, "", $"environment variable {name} is not set (${{{name}}} has no default; write ${{{name}:-default}} to give one)"));
            }
            else
            {
                sb.Append(value);
            }

            i += m.Length - 1;
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"\G\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}\n]*))?\}")]
    private static partial Regex Reference();
}
