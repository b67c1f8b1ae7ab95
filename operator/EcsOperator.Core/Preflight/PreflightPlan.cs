using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Preflight;

/// <summary>
/// The things a rendered task definition (the RegisterTaskDefinition body) and a network configuration
/// (<c>{awsvpcConfiguration: {subnets, securityGroups}}</c> of a service or RunTask) need to exist, one check each, in
/// the order the document names them, without duplicates. Pure: what each check finds is the probe's business; only
/// answers known without asking (another registry, awslogs-create-group) are decided here.
/// </summary>
public static class PreflightPlan
{
    public static IReadOnlyList<PreflightCheck> For(JsonObject taskDefinition, JsonObject? networkConfiguration, string networkField = "networkConfiguration")
    {
        ArgumentNullException.ThrowIfNull(taskDefinition);
        var checks = new List<PreflightCheck>();
        foreach (var field in (string[])["taskRoleArn", "executionRoleArn"])
        {
            if (taskDefinition.Str(field) is { Length: > 0 } role) checks.Add(new PreflightCheck(PreflightKind.Role, role, field));
        }

        var index = 0;
        foreach (var container in taskDefinition.Arr("containerDefinitions").Objects())
        {
            var at = $"containerDefinitions[{container.Str("name") ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            index++;
            if (container.Str("image") is { Length: > 0 } image) checks.Add(ImageCheck(image, at + ".image"));
            foreach (var secret in container.Arr("secrets").Objects())
            {
                if (SecretCheck(secret.Str("valueFrom"), $"{at}.secrets[{secret.Str("name")}]") is { } c) checks.Add(c);
            }
            if (SecretCheck(container.Obj("repositoryCredentials").Str("credentialsParameter"), at + ".repositoryCredentials") is { } creds) checks.Add(creds);
            if (container.Obj("logConfiguration") is { } log) checks.AddRange(LogChecks(log, at + ".logConfiguration"));
        }

        var vpc = networkConfiguration.Obj("awsvpcConfiguration");
        foreach (var subnet in Strings(vpc.Arr("subnets")))
            checks.Add(new PreflightCheck(PreflightKind.Subnet, subnet, networkField + ".awsvpcConfiguration.subnets"));
        foreach (var group in Strings(vpc.Arr("securityGroups")))
            checks.Add(new PreflightCheck(PreflightKind.SecurityGroup, group, networkField + ".awsvpcConfiguration.securityGroups"));

        return checks.DistinctBy(c => (c.Kind, c.Subject, c.Region)).ToList();
    }

    private static PreflightCheck ImageCheck(string image, string where)
    {
        if (EcrImageRef.TryParse(image) is { } ecr) return new PreflightCheck(PreflightKind.Image, image, where, ecr.Region);
        var registry = EcrImageRef.RegistryOf(image);
        var reason = registry.Contains(".dkr.ecr.", StringComparison.Ordinal)
            ? "not a well-formed ECR image reference: not checked"
            : $"registry {registry} is not ECR: not checked";
        return new PreflightCheck(PreflightKind.Image, image, where) { Decided = PreflightResult.Skipped(reason) };
    }

    private static PreflightCheck? SecretCheck(string? valueFrom, string where)
    {
        if (string.IsNullOrWhiteSpace(valueFrom)) return null;
        return SecretRef.Parse(valueFrom) is { } r
            ? new PreflightCheck(r.Kind, valueFrom.Trim(), where, r.Region)
            : new PreflightCheck(PreflightKind.Secret, valueFrom.Trim(), where)
            {
                Decided = PreflightResult.Skipped("neither an SSM parameter nor a Secrets Manager secret: not checked"),
            };
    }

    private static IEnumerable<PreflightCheck> LogChecks(JsonObject log, string where)
    {
        foreach (var secret in log.Arr("secretOptions").Objects())
        {
            if (SecretCheck(secret.Str("valueFrom"), $"{where}.secretOptions[{secret.Str("name")}]") is { } c) yield return c;
        }
        if (log.Str("logDriver") != "awslogs") yield break;
        var options = log.Obj("options");
        if (options.Str("awslogs-group") is not { Length: > 0 } group) yield break;
        var region = options.Str("awslogs-region") is { Length: > 0 } r ? r : null;
        var check = new PreflightCheck(PreflightKind.LogGroup, group, where + ".options.awslogs-group", region);
        yield return string.Equals(options.Str("awslogs-create-group"), "true", StringComparison.OrdinalIgnoreCase)
            ? check with { Decided = PreflightResult.Ok("created by ECS when a task starts (awslogs-create-group)") }
            : check;
    }

    private static IEnumerable<string> Strings(JsonArray? array) =>
        array?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : null).OfType<string>().Where(s => s.Length > 0) ?? [];
}
