using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests.Schema;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>
/// An empty YAML value (<c>region:</c>) means "not set". Removes such members from the typed parts of a valid document so
/// typed reads see the default. Pass-through objects are left alone here: those with an ECS API shape lose their nulls
/// (and describe-only members) through <see cref="ApiShapeValidator"/>; the rest keep exactly what was written.
/// </summary>
internal static class NullRemover
{
    public static void RemoveNullMembers(JsonNode? node, FieldShape shape)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Object when node is JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList()) obj.Remove(key);
                foreach (var (key, value) in obj)
                {
                    if (shape.Property(key) is { } field) RemoveNullMembers(value, field.Shape);
                }
                break;
            case ShapeKind.Array when node is JsonArray arr:
                foreach (var item in arr) RemoveNullMembers(item, shape.Items!);
                break;
        }
    }
}
