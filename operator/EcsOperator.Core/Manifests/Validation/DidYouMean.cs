namespace EcsOperator.Core.Manifests.Validation;

/// <summary>Suggests the intended name for a misspelt one.</summary>
internal static class DidYouMean
{
    /// <summary>The closest candidate within a small edit distance (case, '_' and '-' forgiven), or null.</summary>
    public static string? Suggest(string wrong, IEnumerable<string> candidates)
    {
        var w = Simplify(wrong);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(w, Simplify(c));
            if (d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }
        var limit = Math.Max(1, Math.Min(3, wrong.Length / 3));
        return bestDistance <= limit ? best : null;
    }

    /// <summary>" (did you mean 'x'?)" or "".</summary>
    public static string Hint(string wrong, IEnumerable<string> candidates) =>
        Suggest(wrong, candidates) is { } s ? $" (did you mean '{s}'?)" : "";

    private static string Simplify(string s) => s.Replace("_", "").Replace("-", "").ToLowerInvariant();

    /// <summary>Levenshtein distance (inputs are short field names; capped work).</summary>
    internal static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64) return int.MaxValue;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
