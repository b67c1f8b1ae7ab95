using EcsOperator.Core.Manifests;
using EcsOperator.Core.Manifests.Apply;

namespace Ecsctl.Manifests;

internal static class ErrorText
{
    /// <summary><c>FILE:LINE:COL: path: message</c>, or <c>FILE: message</c> for errors about a whole file.</summary>
    public static string Format(ManifestError e) => ApplyCommand.Format(e);

    public static void WriteAll(TextWriter err, IEnumerable<ManifestError> errors) => ApplyCommand.WriteErrors(err, errors);
}
