using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Model;

/// <summary>Identity and free-form tags of a document (<c>metadata</c>).</summary>
public sealed record ObjectMeta(
    [property: Description("Name of the resource: a DNS label (lower-case letters, digits and '-', at most 63 characters).")]
    [property: Required]
    [property: RegularExpression(DnsLabel.Pattern, ErrorMessage = DnsLabel.Message)]
    string Name,
    [property: Description("Namespace of the resource: a DNS label. Defaults to 'default'.")]
    [property: DefaultValue(ResourceKey.DefaultNamespace)]
    [property: RegularExpression(DnsLabel.Pattern, ErrorMessage = DnsLabel.Message)]
    string Namespace = ResourceKey.DefaultNamespace,
    [property: Description("String key/value pairs for selecting and grouping resources.")]
    IReadOnlyDictionary<string, string>? Labels = null,
    [property: Description("String key/value pairs for tools. Keys under 'simulator.ecs.operator/' steer the local simulator.")]
    IReadOnlyDictionary<string, string>? Annotations = null);

/// <summary>The RFC 1123 label rule names follow (same rule as <see cref="ResourceKey.IsDnsLabel"/>).</summary>
public static class DnsLabel
{
    public const string Pattern = "^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    public const string Message = "is not a DNS label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)";
}
