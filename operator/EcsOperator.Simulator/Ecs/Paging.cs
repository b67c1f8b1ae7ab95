using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Simulator.Ecs;

/// <summary>maxResults / nextToken over sorted keys. The token is the last key returned (opaque, base64).</summary>
internal static class Paging
{
    public static int MaxResults(JsonObject req, int @default = 100, int limit = 100)
    {
        if (req["maxResults"] is null) return @default;
        var n = req.Int("maxResults") ?? throw EcsErrors.InvalidParameter("maxResults must be an integer.");
        if (n < 1 || n > limit) throw EcsErrors.InvalidParameter($"maxResults must be between 1 and {limit}.");
        return n;
    }

    public static string? After(JsonObject req)
    {
        var token = req.Str("nextToken");
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw EcsErrors.InvalidParameter("Invalid nextToken.");
        }
    }

    /// <summary>One page of <paramref name="sorted"/> (ordinal order) after the request's token.</summary>
    public static (JsonArray Items, string? NextToken) Page(IEnumerable<string> sorted, JsonObject req, Func<string, bool>? filter = null)
    {
        var max = MaxResults(req);
        var after = After(req);
        var items = new JsonArray();
        string? last = null;
        foreach (var key in sorted)
        {
            if (after is not null && string.CompareOrdinal(key, after) <= 0) continue;
            if (filter is not null && !filter(key)) continue;
            if (items.Count == max) return (items, Convert.ToBase64String(Encoding.UTF8.GetBytes(last!)));
            items.Add(key);
            last = key;
        }
        return (items, null);
    }

    /// <summary>The part of a sorted set after the request's token, without scanning the skipped part.</summary>
    public static IEnumerable<string> From(SortedSet<string> set, JsonObject req)
    {
        var after = After(req);
        if (after is null || set.Count == 0) return set;
        if (string.CompareOrdinal(after, set.Max) >= 0) return [];
        var min = string.CompareOrdinal(after, set.Min) < 0 ? set.Min! : after;
        return set.GetViewBetween(min, set.Max!);
    }

    public static JsonObject Result(string member, (JsonArray Items, string? NextToken) page)
    {
        var o = new JsonObject { [member] = page.Items };
        if (page.NextToken is not null) o["nextToken"] = page.NextToken;
        return o;
    }
}
