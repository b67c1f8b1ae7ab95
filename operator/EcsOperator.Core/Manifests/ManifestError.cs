namespace EcsOperator.Core.Manifests;

/// <summary>One problem in a manifest, positioned at the offending node.</summary>
/// <param name="File">What the errors name: a file path, "-" for stdin, or a store key such as App/default/web.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Path">Field path such as <c>spec.hooks.preDeploy[0].command</c>, or "" for the document as a whole.</param>
/// <param name="Message">What is wrong, and where possible how to fix it.</param>
public sealed record ManifestError(string File, int Line, int Column, string Path, string Message)
{
    /// <summary><c>FILE:LINE:COL: path: message</c> (or <c>FILE:LINE:COL: message</c> without a path).</summary>
    public override string ToString() =>
        Path.Length == 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}:{Line}:{Column}: {Path}: {Message}";
}

/// <summary>The documents that parsed and validated, and every error found.</summary>
public sealed record ManifestParseResult(IReadOnlyList<ResourceDocument> Documents, IReadOnlyList<ManifestError> Errors)
{
    public bool Ok => Errors.Count == 0;

    /// <summary>Notes on documents that did validate (describe-only members that were dropped).</summary>
    public IReadOnlyList<ManifestError> Notes { get; init; } = [];
}
