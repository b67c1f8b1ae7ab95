using System.Text.Json.Nodes;

namespace EcsOperator.Core.Manifests;

/// <summary>
/// YAML merge keys (<c>&lt;&lt;: *base</c>, or a list of aliases): keys written in the mapping win over merged ones,
/// earlier merged mappings win over later ones. Merged values come from alias expansion, so they already count
/// against the alias budget.
/// </summary>
internal sealed partial class YamlTreeReader
{
    private void CollectMerge(JsonNode? value, SourcePosition at, List<JsonObject> merges)
    {
        switch (value)
        {
            case JsonObject o:
                merges.Add(o);
                break;
            case JsonArray a when a.All(x => x is JsonObject):
                merges.AddRange(a.Cast<JsonObject>());
                break;
            default:
                _errors.Add(Error(at, "a merge key (<<) needs a mapping or a list of mappings"));
                break;
        }
    }

    private void ApplyMerges(JsonObject target, List<JsonObject> merges)
    {
        foreach (var source in merges)
        {
            foreach (var (key, value) in source.ToList())
            {
                if (target.ContainsKey(key)) continue;
                var keyAt = _map.Key(source, key);
                source.Remove(key);
                target[key] = value;
                if (keyAt is { } p) _map.SetKey(target, key, p);
            }
        }
    }
}
