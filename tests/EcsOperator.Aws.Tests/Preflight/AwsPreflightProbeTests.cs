using System.Text.Json.Nodes;
using EcsOperator.Aws.Tests.Resilience;
using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Core.Preflight;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Preflight;

/// <summary>The preflight probe against moto: each kind of check finds what the aws CLI made, and reports as missing
/// what does not exist, over the wire protocol of its service (ECR, IAM, SSM, Secrets Manager, Logs, EC2).</summary>
[Collection(AwsClientsMotoCollection.Name)]
public sealed class AwsPreflightProbeTests(MotoServer moto)
{
    private static async Task<List<PreflightFinding>> CheckAsync(AwsClientSet aws, JsonObject taskDefinition, JsonObject? network = null) =>
        [.. (await PreflightChecker.RunAsync(PreflightPlan.For(taskDefinition, network), aws.Preflight, default)).Findings];

    private static JsonObject TaskDefinition(string? taskRole = null, string? executionRole = null, string image = "nginx:1",
        string[]? secrets = null, JsonObject? log = null, string? credentials = null)
    {
        var container = new JsonObject { ["name"] = "app", ["image"] = image };
        if (secrets is not null)
            container["secrets"] = new JsonArray([.. secrets.Select((s, i) => (JsonNode)new JsonObject { ["name"] = $"S{i}", ["valueFrom"] = s })]);
        if (log is not null) container["logConfiguration"] = log;
        if (credentials is not null) container["repositoryCredentials"] = new JsonObject { ["credentialsParameter"] = credentials };
        var td = new JsonObject { ["containerDefinitions"] = new JsonArray(container) };
        if (taskRole is not null) td["taskRoleArn"] = taskRole;
        if (executionRole is not null) td["executionRoleArn"] = executionRole;
        return td;
    }

    private static JsonObject AwsLogs(string group, bool create = false) => new()
    {
        ["logDriver"] = "awslogs",
        ["options"] = new JsonObject { ["awslogs-group"] = group, ["awslogs-stream-prefix"] = "web", ["awslogs-create-group"] = create ? "true" : "false" },
    };

    private static JsonObject Vpc(string subnet, string group) =>
        new() { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray(subnet), ["securityGroups"] = new JsonArray(group) } };

    [SkippableFact]
    public async Task Everything_that_exists_is_ok_and_everything_that_does_not_is_missing_with_the_service_s_words()
    {
        moto.SkipIfUnavailable();
        var w = await PreflightWorld.CreateAsync(moto);
        var observer = new RecordingObserver();
        using var aws = AwsClientsMoto.Create(moto, new EcsOperator.Aws.Resilience.AwsClientOptions { Observer = observer });
        var digestImage = $"{PreflightWorld.Account}.dkr.ecr.{moto.Region}.amazonaws.com/{w.Repository}@{w.ImageDigest}";

        var present = await CheckAsync(aws,
            TaskDefinition(w.RoleArn, w.Role, w.Image("v1"),
                [w.Parameter, w.ParameterArn, w.SecretArn, w.SecretArn + ":key::", w.SecretArn + "::AWSCURRENT:", $"{w.SecretArn}:key::{w.SecretVersionId}"],
                AwsLogs(w.LogGroup), credentials: w.SecretArn),
            Vpc(w.VpcSubnet, w.VpcSecurityGroup));
        Assert.All(present, f => Assert.True(f.Outcome == PreflightOutcome.Ok, f.ToString()));
        Assert.Equal(12, present.Count);
        Assert.Equal(Enum.GetValues<PreflightKind>().Order(), present.Select(f => f.Check.Kind).Distinct().Order());
        Assert.Equal(PreflightOutcome.Ok, (await CheckAsync(aws, TaskDefinition(image: digestImage))).Single().Outcome);

        var missing = await CheckAsync(aws,
            TaskDefinition(w.RoleArn + "-gone", "no-such-role", w.Image("v9"),
                [w.Parameter + "-gone", w.SecretArn[..^7] + "gone-AbCdEf", $"{w.SecretArn}:key::00000000-0000-0000-0000-000000000000", w.SecretArn + "::NOSUCHSTAGE:"],
                AwsLogs(w.LogGroup + "-gone")),
            Vpc("subnet-0123456789abcdef0", "sg-0123456789abcdef0"));
        Assert.All(missing, f => Assert.True(f.Outcome == PreflightOutcome.Missing, f.ToString()));
        Assert.Equal(10, missing.Count);
        string Detail(PreflightKind kind, int nth = 0) => missing.Where(f => f.Check.Kind == kind).ElementAt(nth).Result.Detail!;
        Assert.StartsWith("ImageNotFoundException", Detail(PreflightKind.Image), StringComparison.Ordinal);
        Assert.StartsWith("NoSuchEntity", Detail(PreflightKind.Role), StringComparison.Ordinal);
        Assert.StartsWith("ParameterNotFound", Detail(PreflightKind.SsmParameter), StringComparison.Ordinal);
        Assert.StartsWith("ResourceNotFoundException", Detail(PreflightKind.Secret), StringComparison.Ordinal);
        Assert.Equal("the secret has no version 00000000-0000-0000-0000-000000000000", Detail(PreflightKind.Secret, 1));
        Assert.Equal("no version of the secret has the stage NOSUCHSTAGE", Detail(PreflightKind.Secret, 2));
        Assert.StartsWith("InvalidSubnetID.NotFound", Detail(PreflightKind.Subnet), StringComparison.Ordinal);
        Assert.StartsWith("InvalidGroup.NotFound", Detail(PreflightKind.SecurityGroup), StringComparison.Ordinal);
        Assert.Contains("no such log group", Detail(PreflightKind.LogGroup), StringComparison.Ordinal);

        var noRepository = await CheckAsync(aws, TaskDefinition(image: $"{PreflightWorld.Account}.dkr.ecr.{moto.Region}.amazonaws.com/{w.Repository}-gone:v1"));
        Assert.StartsWith("RepositoryNotFoundException", noRepository.Single().Result.Detail, StringComparison.Ordinal);

        // A group ECS creates itself is ok without asking; a pushed tag is found from then on.
        Assert.Equal(PreflightOutcome.Ok, (await CheckAsync(aws, TaskDefinition(log: AwsLogs(w.LogGroup + "-gone", create: true)))).Last().Outcome);
        await w.PushImageAsync("v9");
        Assert.Equal(PreflightOutcome.Ok, (await CheckAsync(aws, TaskDefinition(image: w.Image("v9")))).Single().Outcome);

        // The operator's role may make every lookup: each action sent is in the sample policy and the template's role.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Operator.sln"))) root = root.Parent!;
        var policy = await File.ReadAllTextAsync(Path.Combine(root.FullName, "samples", "operator", "iam-policy.json"));
        var template = await File.ReadAllTextAsync(Path.Combine(root.FullName, "samples", "infra", "operator.template"));
        var sent = observer.Calls.Select(c => $"{c.Service}:{c.Action}").Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ecr:DescribeImages", "iam:GetRole", "logs:DescribeLogGroups",
            "secretsmanager:DescribeSecret", "ssm:GetParameter"], sent);
        Assert.All(sent, action =>
        {
            Assert.Contains($"\"{action}\"", policy, StringComparison.Ordinal);
            Assert.Contains($"- {action}\n", template, StringComparison.Ordinal);
        });
    }
}
