using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>The cluster query language subset used by memberOf: <c>attribute:x == v</c>, <c>!=</c>, <c>in [a, b]</c>,
/// <c>not in [...]</c>, joined by <c>and</c> / <c>or</c>. Unknown attributes never match.</summary>
internal static class PlacementExpression
{
    public static bool Matches(string expression, InstanceRec instance)
    {
        foreach (var alternative in Split(expression, " or "))
        {
            if (Split(alternative, " and ").All(term => Term(term.Trim(), instance))) return true;
        }
        return false;
    }

    private static IEnumerable<string> Split(string s, string sep) =>
        s.Split(sep, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Term(string term, InstanceRec i)
    {
        var t = term.Trim('(', ')', ' ');
        foreach (var (op, negate) in new[] { (" not in ", true), (" in ", false) })
        {
            var at = t.IndexOf(op, StringComparison.OrdinalIgnoreCase);
            if (at <= 0) continue;
            var actual = SimWorld.Attribute(i, Normalize(t[..at]));
            var values = t[(at + op.Length)..].Trim().Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var hit = actual is not null && values.Contains(actual, StringComparer.Ordinal);
            return negate ? !hit : hit;
        }
        foreach (var (op, negate) in new[] { ("!=", true), ("==", false) })
        {
            var at = t.IndexOf(op, StringComparison.Ordinal);
            if (at <= 0) continue;
            var actual = SimWorld.Attribute(i, Normalize(t[..at]));
            var hit = actual is not null && actual == t[(at + op.Length)..].Trim();
            return negate ? !hit : hit;
        }
        return false;
    }

    private static string Normalize(string lhs)
    {
        var l = lhs.Trim();
        return l.StartsWith("attribute:", StringComparison.Ordinal) ? l : l == "ec2InstanceId" ? "instanceId" : l;
    }
}
