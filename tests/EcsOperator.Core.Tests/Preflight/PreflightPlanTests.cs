using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Preflight;

namespace EcsOperator.Core.Tests.Preflight;

/// <summary>What a task definition and network configuration need to exist, read from the document alone.</summary>
public sealed class PreflightPlanTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/rails-app:v42", "123456789012", "ap-northeast-1", "rails-app", "v42", null)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web", "123456789012", "us-east-1", "team/web", "latest", null)]
    [InlineData("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web:1.2.3", "123456789012", "us-gov-west-1", "web", "1.2.3", null)]
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web:prod", "123456789012", "cn-north-1", "web", "prod", null)]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@" + Digest, "123456789012", "eu-west-1", "web", null, Digest)]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:v1@" + Digest, "123456789012", "eu-west-1", "web", "v1", Digest)]
    public void Ecr_image_uris_are_read_with_tag_or_digest(string image, string account, string region, string repo, string? tag, string? digest) =>
        Assert.Equal(new EcrImageRef(account, region, repo, tag, digest), EcrImageRef.TryParse(image));

    [Theory]
    [InlineData("nginx:1.25", "docker.io")]
    [InlineData("public.ecr.aws/nginx/nginx:latest", "public.ecr.aws")]
    [InlineData("ghcr.io/org/app:v1", "ghcr.io")]
    [InlineData("localhost:5000/app", "localhost:5000")]
    [InlineData("library/redis", "docker.io")]
    public void Other_registries_are_not_ecr(string image, string registry)
    {
        Assert.Null(EcrImageRef.TryParse(image));
        Assert.Equal(registry, EcrImageRef.RegistryOf(image));
    }

    [Theory]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", null, null, null)]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "password", null, null)]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", null, "AWSPREVIOUS", null)]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:user::9a8b7c", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "user", null, "9a8b7c")]
    public void Secrets_manager_value_from_keeps_the_secret_arn_and_reads_the_suffix(string valueFrom, string id, string? key, string? stage, string? version)
    {
        var r = SecretRef.Parse(valueFrom)!;
        Assert.Equal(PreflightKind.Secret, r.Kind);
        Assert.Equal((id, "us-east-1", key, stage, version), (r.Id, r.Region, r.JsonKey, r.VersionStage, r.VersionId));
    }

    [Fact]
    public void Ssm_parameters_are_named_by_arn_or_by_name_and_other_arns_are_not_secrets()
    {
        Assert.Equal(new SecretRef(PreflightKind.SsmParameter, "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db", "eu-west-1"),
            SecretRef.Parse("arn:aws:ssm:eu-west-1:123456789012:parameter/app/db"));
        Assert.Equal(new SecretRef(PreflightKind.SsmParameter, "/app/db", null), SecretRef.Parse(" /app/db "));
        Assert.Null(SecretRef.Parse("arn:aws:s3:::bucket/key"));
    }

    private static JsonObject TaskDefinition() => JsonNode.Parse("""
        {
          "taskRoleArn": "arn:aws:iam::123456789012:role/app",
          "executionRoleArn": "ecsTaskExecutionRole",
          "containerDefinitions": [
            {
              "name": "app",
              "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:v1",
              "secrets": [
                {"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db"},
                {"name": "KEY", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:key-AbCdEf:k::"}
              ],
              "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1"}}
            },
            {
              "name": "sidecar",
              "image": "public.ecr.aws/aws-observability/aws-otel-collector:latest",
              "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hub-XyZ"},
              "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db"}],
              "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/sidecar", "awslogs-create-group": "true"}}
            }
          ]
        }
        """)!.AsObject();

    [Fact]
    public void Every_named_thing_is_one_check_in_document_order_with_its_field_and_region()
    {
        var network = JsonNode.Parse("""{"awsvpcConfiguration": {"subnets": ["subnet-1", "subnet-2"], "securityGroups": ["sg-1"]}}""")!.AsObject();
        var checks = PreflightPlan.For(TaskDefinition(), network, "service.networkConfiguration");

        Assert.Equal(
        [
            (PreflightKind.Role, "arn:aws:iam::123456789012:role/app", "taskRoleArn", null),
            (PreflightKind.Role, "ecsTaskExecutionRole", "executionRoleArn", null),
            (PreflightKind.Image, "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:v1", "containerDefinitions[app].image", "eu-west-1"),
            (PreflightKind.SsmParameter, "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db", "containerDefinitions[app].secrets[DB]", "eu-west-1"),
            (PreflightKind.Secret, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:key-AbCdEf:k::", "containerDefinitions[app].secrets[KEY]", "eu-west-1"),
            (PreflightKind.LogGroup, "/ecs/web", "containerDefinitions[app].logConfiguration.options.awslogs-group", "eu-west-1"),
            (PreflightKind.Image, "public.ecr.aws/aws-observability/aws-otel-collector:latest", "containerDefinitions[sidecar].image", null),
            (PreflightKind.Secret, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hub-XyZ", "containerDefinitions[sidecar].repositoryCredentials", "eu-west-1"),
            (PreflightKind.LogGroup, "/ecs/sidecar", "containerDefinitions[sidecar].logConfiguration.options.awslogs-group", null),
            (PreflightKind.Subnet, "subnet-1", "service.networkConfiguration.awsvpcConfiguration.subnets", null),
            (PreflightKind.Subnet, "subnet-2", "service.networkConfiguration.awsvpcConfiguration.subnets", null),
            (PreflightKind.SecurityGroup, "sg-1", "service.networkConfiguration.awsvpcConfiguration.securityGroups", null),
        ],
        checks.Select(c => (c.Kind, c.Subject, c.Where, c.Region)).ToList());

        // Decided without asking: a registry other than ECR is skipped, a group ECS creates is ok; the rest is the probe's.
        Assert.Equal(PreflightOutcome.Skipped, checks[6].Decided!.Outcome);
        Assert.Contains("public.ecr.aws is not ECR", checks[6].Decided!.Detail, StringComparison.Ordinal);
        Assert.Equal(PreflightOutcome.Ok, checks[8].Decided!.Outcome);
        Assert.All(checks.Where((_, i) => i is not (6 or 8)), c => Assert.Null(c.Decided));
    }

    [Fact]
    public void A_document_region_applies_to_checks_naming_none_and_a_job_with_app_ref_says_what_it_leaves_to_the_app()
    {
        var app = ManifestParser.ParseSingle("""
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: web}
            spec:
              cluster: default
              region: eu-central-1
              taskDefinition:
                executionRoleArn: ecsTaskExecutionRole
                containerDefinitions:
                  - name: app
                    image: 123456789012.dkr.ecr.us-west-2.amazonaws.com/web:v1
                    memory: 128
                    secrets: [{name: DB, valueFrom: /app/db}]
            """, "t").Documents[0];
        var plan = DocumentPreflight.For(app);
        Assert.Null(plan.Note);
        Assert.Equal([null, "us-west-2", "eu-central-1"], plan.Checks.Select(c => c.Region).ToList());

        var job = ManifestParser.ParseSingle("""
            apiVersion: ecs.operator/v1
            kind: Job
            metadata: {name: migrate}
            spec:
              appRef: web
              command: [bin/rails, db:migrate]
              networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-9]}}
            """, "t").Documents[0];
        var jobPlan = DocumentPreflight.For(job);
        Assert.Contains("app/web", jobPlan.Note, StringComparison.Ordinal);
        Assert.Equal(("subnet-9", "networkConfiguration.awsvpcConfiguration.subnets"), (jobPlan.Checks.Single().Subject, jobPlan.Checks.Single().Where));
    }
}
