using System.Globalization;

namespace EcsOperator.Core.Apps;

/// <summary>The parts of a task definition ARN, <c>arn:aws:ecs:region:account:task-definition/family:revision</c>.</summary>
internal static class TaskDefinitionArn
{
    /// <summary>"arn:aws:ecs:r:a:task-definition/web:3" → "web" (also "web:3" and an ARN without a revision → "web").</summary>
    public static string FamilyOf(string arn)
    {
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        return colon > 0 ? name[..colon] : name;
    }

    /// <summary>"arn:aws:ecs:r:a:task-definition/web:3" → 3 (0 when the ARN names no revision).</summary>
    public static int RevisionOf(string arn) =>
        int.TryParse(arn[(arn.LastIndexOf(':') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;
}
