namespace EcsOperator.Core.Manifests.Validation;

/// <summary>Suggests the intended name for a misspelt one.</summary>
internal static class DidYouMean
{
    /// <summary>
    /// The one closest candidate within a small edit distance (case, '_' and '-' forgiven; a swap of neighbours counts once),
    /// or the one candidate that extends the name (<c>drainTimeout</c> → <c>drainTimeoutSeconds</c>); null when nothing or
    /// more than one candidate fits equally well.
    /// </summary>
    public static string? Suggest(string wrong, IEnumerable<string> candidates)
    {
        var w = Simplify(wrong);
        var list = candidates.ToList();
        var scored = list.Select(c => (Name: c, Distance: Distance(w, Simplify(c)))).OrderBy(x => x.Distance).Take(2).ToList();
        var limit = Math.Max(1, Math.Min(3, wrong.Length / 3));
        if (scored.Count > 0 && scored[0].Distance <= limit)
        {
            return scored.Count == 1 || scored[1].Distance > scored[0].Distance ? scored[0].Name : null;
        }
        var extending = w.Length >= 4 ? list.Where(c => Simplify(c).StartsWith(w, StringComparison.Ordinal)).Take(2).ToList() : [];
        return extending.Count == 1 ? extending[0] : null;
    }

    /// <summary>" (did you mean 'x'?)" or "".</summary>
    public static string Hint(string wrong, IEnumerable<string> candidates) =>
        Suggest(wrong, candidates) is { } s ? $" (did you mean '{s}'?)" : "";

    private static string Simplify(string s) => s.Replace("_", "").Replace("-", "").ToLowerInvariant();

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent swaps); inputs are short names, long ones are "far".</summary>
    internal static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64) return int.MaxValue;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
