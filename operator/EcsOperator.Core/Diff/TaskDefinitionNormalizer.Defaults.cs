using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Diff;

public static partial class TaskDefinitionNormalizer
{
    /// <summary>
    /// Removes members set to the value the ECS API documents for an omitted member, so that a definition written
    /// without them and the same definition as the console exports it or DescribeTaskDefinition returns it (with the
    /// value spelled out) compare equal, and a diff does not show them. Any other value stays a difference.
    /// </summary>
    private static void DropDocumentedDefaults(JsonObject td)
    {
        // "The default value is false."
        DropIf(td, "enableFaultInjection", false);
        foreach (var volume in td.Arr("volumes").Objects())
        {
            if (volume.Obj("efsVolumeConfiguration") is not { } efs) continue;
            // "If this parameter is omitted, the root of the Amazon EFS volume will be used."
            DropIf(efs, "rootDirectory", "/");
            // "If this parameter is omitted, the default value of DISABLED is used."
            DropIf(efs, "transitEncryption", "DISABLED");
            if (efs.Obj("authorizationConfig") is { } auth) DropIf(auth, "iam", "DISABLED");
        }
        // "By default, the value is enabled."
        foreach (var container in td.Arr("containerDefinitions").Objects()) DropIf(container, "versionConsistency", "enabled");
    }

    private static void DropIf(JsonObject o, string name, bool value)
    {
        if (o.Bool(name) == value) o.Remove(name);
    }

    private static void DropIf(JsonObject o, string name, string value)
    {
        if (o.Str(name) == value) o.Remove(name);
    }
}
