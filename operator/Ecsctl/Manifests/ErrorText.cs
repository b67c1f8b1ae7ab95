using EcsOperator.Core.Manifests;

namespace Ecsctl.Manifests;

internal static class ErrorText
{
    /// <summary><c>FILE:LINE:COL: path: message</c>, or <c>FILE: message</c> for errors about a whole file.</summary>
    public static string Format(ManifestError e) => e.Line <= 0 ? $"{e.File}: {e.Message}" : e.ToString();

    public static void WriteAll(TextWriter err, IEnumerable<ManifestError> errors)
    {
        foreach (var e in errors) err.WriteLine(Format(e));
    }
}
