using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcsOperator.Core.Model;

/// <summary>
/// What every kind's status has in common, for code that works on any kind (the controller runtime recording a
/// terminal error, a missing resource or an oversized status). The kind's own fields are carried through untouched
/// in <see cref="Fields"/>.
/// </summary>
public sealed record ResourceStatus
{
    [Description("The metadata generation this status describes.")]
    public long? ObservedGeneration { get; init; }

    [Description("Conditions of the resource.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    /// <summary>The kind's own status fields, kept as written (settable: System.Text.Json fills extension data after construction).</summary>
    [Description("The kind's own status fields.")]
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; set; }
}
