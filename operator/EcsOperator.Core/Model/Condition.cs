using System.ComponentModel;
using System.Text.Json.Serialization;

namespace EcsOperator.Core.Model;

/// <summary>One observation about a resource, Kubernetes style. Change a status' conditions with <see cref="Conditions.Set(IReadOnlyList{Condition}?, string, string, string, string, DateTimeOffset)"/>.</summary>
public sealed record Condition(
    [property: Description("Kind of condition, e.g. Available, Progressing, Degraded.")] string Type,
    [property: Description("True, False or Unknown.")] string Status,
    [property: Description("One CamelCase word saying why.")] string Reason,
    [property: Description("Human-readable detail.")] string Message,
    [property: Description("When Status last changed.")] DateTimeOffset LastTransitionTime)
{
    [JsonIgnore]
    public bool IsTrue => Status == ConditionStatus.True;
}

/// <summary>Values of <see cref="Condition.Status"/>.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";

    public static string Of(bool value) => value ? True : False;
}

/// <summary>The condition types the operator writes.</summary>
public static class ConditionTypes
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";
    public const string Ready = "Ready";
    public const string Invalid = "Invalid";
    public const string ScaleInBlocked = "ScaleInBlocked";
    public const string Failed = "Failed";
    public const string Complete = "Complete";
}

/// <summary>
/// The one condition helper: conditions are an immutable list in a status record, changed by returning a new list.
/// <see cref="Set(IReadOnlyList{Condition}?, string, string, string, string, DateTimeOffset)"/> keeps
/// <c>lastTransitionTime</c> unless the status value flips, so writing the same observation twice changes nothing.
/// </summary>
public static class Conditions
{
    /// <summary>The list with the condition of <paramref name="type"/> added or updated; the same instance when nothing changed.</summary>
    public static IReadOnlyList<Condition> Set(this IReadOnlyList<Condition>? list, string type, string status, string reason, string message, DateTimeOffset now)
    {
        list ??= [];
        var old = list.Find(type);
        if (old is not null && old.Status == status && old.Reason == reason && old.Message == message) return list;
        var updated = new Condition(type, status, reason, message, old is not null && old.Status == status ? old.LastTransitionTime : Rfc3339.Truncate(now));
        return old is null ? [.. list, updated] : [.. list.Select(c => c.Type == type ? updated : c)];
    }

    /// <summary><see cref="Set(IReadOnlyList{Condition}?, string, string, string, string, DateTimeOffset)"/> with True or False.</summary>
    public static IReadOnlyList<Condition> Set(this IReadOnlyList<Condition>? list, string type, bool status, string reason, string message, DateTimeOffset now) =>
        list.Set(type, ConditionStatus.Of(status), reason, message, now);

    /// <summary>The list without the condition of <paramref name="type"/>; the same instance when it was not there.</summary>
    public static IReadOnlyList<Condition> Remove(this IReadOnlyList<Condition>? list, string type) =>
        list?.Find(type) is null ? list ?? [] : [.. list.Where(c => c.Type != type)];

    public static Condition? Find(this IReadOnlyList<Condition>? list, string type) => list?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(this IReadOnlyList<Condition>? list, string type) => list.Find(type)?.IsTrue == true;
}
