using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace EcsOperator.TestUtilities.Moto;

/// <summary>
/// What a task definition names, made in moto with the aws CLI as another pipeline would: an ECR repository with an
/// image, an IAM role, an SSM parameter, a Secrets Manager secret, a log group, and a VPC with a subnet and a security
/// group. Names are unique per world, so worlds share one moto.
/// </summary>
public sealed class PreflightWorld
{
    private readonly MotoServer moto;

    private PreflightWorld(MotoServer moto, string suffix)
    {
        this.moto = moto;
        Repository = "web-" + suffix;
        Role = "app-role-" + suffix;
        Parameter = $"/{suffix}/database-url";
        SecretName = "api-key-" + suffix;
        LogGroup = "/ecs/web-" + suffix;
    }

    public string Repository { get; }
    public string Role { get; }
    public string Parameter { get; }
    public string SecretName { get; }
    public string LogGroup { get; }
    public string RoleArn => $"arn:aws:iam::{Account}:role/{Role}";
    public string ParameterArn => $"arn:aws:ssm:{moto.Region}:{Account}:parameter{Parameter}";
    public string SecretArn { get; private set; } = "";
    public string SecretVersionId { get; private set; } = "";
    public string VpcSubnet { get; private set; } = "";
    public string VpcSecurityGroup { get; private set; } = "";
    public string ImageDigest { get; private set; } = "";

    /// <summary>moto's default account.</summary>
    public const string Account = "123456789012";

    /// <summary>The ECR image URI of <see cref="Repository"/> with <paramref name="tag"/>.</summary>
    public string Image(string tag) => $"{Account}.dkr.ecr.{moto.Region}.amazonaws.com/{Repository}:{tag}";

    public static async Task<PreflightWorld> CreateAsync(MotoServer moto)
    {
        ArgumentNullException.ThrowIfNull(moto);
        var w = new PreflightWorld(moto, Guid.NewGuid().ToString("N")[..10]);
        var vpc = await w.CliAsync("ec2", "create-vpc", "--cidr-block", "10.7.0.0/16");
        var vpcId = vpc["Vpc"]!["VpcId"]!.GetValue<string>();
        var ecr = w.CliAsync("ecr", "create-repository", "--repository-name", w.Repository);
        var role = w.CliAsync("iam", "create-role", "--role-name", w.Role, "--assume-role-policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        var parameter = w.CliAsync("ssm", "put-parameter", "--name", w.Parameter, "--value", "postgres://db", "--type", "SecureString");
        var secret = w.CliAsync("secretsmanager", "create-secret", "--name", w.SecretName, "--secret-string", """{"key":"s3cr3t"}""");
        var group = w.CliAsync("logs", "create-log-group", "--log-group-name", w.LogGroup);
        var subnet = w.CliAsync("ec2", "create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.7.1.0/24");
        var sg = w.CliAsync("ec2", "create-security-group", "--group-name", "web-" + w.Repository, "--description", "web", "--vpc-id", vpcId);
        await Task.WhenAll(ecr, role, parameter, secret, group, subnet, sg);
        w.SecretArn = (await secret)["ARN"]!.GetValue<string>();
        w.SecretVersionId = (await secret)["VersionId"]!.GetValue<string>();
        w.VpcSubnet = (await subnet)["Subnet"]!["SubnetId"]!.GetValue<string>();
        w.VpcSecurityGroup = (await sg)["GroupId"]!.GetValue<string>();
        w.ImageDigest = await w.PushImageAsync("v1");
        return w;
    }

    /// <summary>Pushes an image tagged <paramref name="tag"/> (ECR PutImage with a manifest of its own); returns its digest.</summary>
    public async Task<string> PushImageAsync(string tag)
    {
        var config = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Repository + ":" + tag)));
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.docker.distribution.manifest.v2+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.docker.container.image.v1+json", ["size"] = 1234, ["digest"] = "sha256:" + config },
            ["layers"] = new JsonArray(),
        }.ToJsonString();
        var put = await CliAsync("ecr", "put-image", "--repository-name", Repository, "--image-tag", tag, "--image-manifest", manifest);
        return put["image"]!["imageId"]!["imageDigest"]!.GetValue<string>();
    }

    private async Task<JsonObject> CliAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await moto.AwsCliAsync([.. args, "--output", "json"]);
        if (exit != 0) throw new InvalidOperationException($"aws {string.Join(' ', args)} failed ({exit}): {stderr}");
        return string.IsNullOrWhiteSpace(stdout) ? [] : JsonNode.Parse(stdout)!.AsObject();
    }
}
