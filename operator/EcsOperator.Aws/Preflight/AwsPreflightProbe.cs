using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsOperator.Aws.Resilience;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Preflight;

namespace EcsOperator.Aws.Preflight;

/// <summary>
/// Looks preflight checks up in AWS, read-only: ECR DescribeImages, IAM GetRole, SSM GetParameter, Secrets Manager
/// DescribeSecret, CloudWatch Logs DescribeLogGroups, EC2 DescribeSubnets / DescribeSecurityGroups. A reference that
/// names another region (an ECR URI, an ARN, awslogs-region) is looked up there. The service's "does not exist" codes
/// are <see cref="PreflightOutcome.Missing"/>; any other error leaves as <see cref="AwsApiException"/> (the checker
/// reports it as a lookup error).
/// </summary>
internal sealed class AwsPreflightProbe(Func<AwsServiceDescriptor, string, AwsWireClient> wireFor, string region, AwsCallRunner runner) : IPreflightProbe
{
    private const string EcrTarget = "AmazonEC2ContainerRegistry_V20150921";
    private const string SsmTarget = "AmazonSSM";
    private const string SecretsManagerTarget = "secretsmanager";
    private const string IamVersion = "2010-05-08";
    private const string Ec2Version = "2016-11-15";
    private readonly ConcurrentDictionary<(AwsServiceDescriptor, string), AwsWireClient> _wires = new();

    public async Task<PreflightResult> ProbeAsync(PreflightCheck check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(check);
        var at = check.Region ?? region;
        try
        {
            return check.Kind switch
            {
                PreflightKind.Image => await ImageAsync(check.Subject, ct),
                PreflightKind.Role => await RoleAsync(check.Subject, ct),
                PreflightKind.SsmParameter => await ParameterAsync(check.Subject, at, ct),
                PreflightKind.Secret => await SecretAsync(check.Subject, at, ct),
                PreflightKind.LogGroup => await LogGroupAsync(check.Subject, at, ct),
                PreflightKind.Subnet => await Ec2Async("DescribeSubnets", "SubnetId", check.Subject, at, ct),
                PreflightKind.SecurityGroup => await Ec2Async("DescribeSecurityGroups", "GroupId", check.Subject, at, ct),
                _ => PreflightResult.Skipped($"no lookup for {check.KindName}"),
            };
        }
        catch (AwsApiException e) when (IsAbsent(check.Kind, e.Code))
        {
            return PreflightResult.Missing($"{e.Code}: {e.ErrorMessage}");
        }
    }

    /// <summary>The codes each service answers with when the thing asked about does not exist.</summary>
    private static bool IsAbsent(PreflightKind kind, string code) => kind switch
    {
        PreflightKind.Image => code is "RepositoryNotFoundException" or "ImageNotFoundException",
        PreflightKind.Role => code is "NoSuchEntity" or "NoSuchEntityException",
        PreflightKind.SsmParameter => code is "ParameterNotFound" or "ParameterVersionNotFound",
        PreflightKind.Secret => code is "ResourceNotFoundException",
        PreflightKind.LogGroup => code is "ResourceNotFoundException",
        PreflightKind.Subnet => code is "InvalidSubnetID.NotFound" or "InvalidSubnetID.Malformed" or "InvalidSubnetId.Malformed",
        PreflightKind.SecurityGroup => code is "InvalidGroup.NotFound" or "InvalidGroupId.Malformed" or "InvalidGroupId.NotFound",
        _ => false,
    };

    private async Task<PreflightResult> ImageAsync(string image, CancellationToken ct)
    {
        var ecr = EcrImageRef.TryParse(image) ?? throw new ArgumentException($"{image} is not an ECR image", nameof(image));
        var id = new JsonObject();
        if (ecr.Digest is { } digest) id["imageDigest"] = digest;
        else id["imageTag"] = ecr.Tag;
        var request = new JsonObject
        {
            ["registryId"] = ecr.Account,
            ["repositoryName"] = ecr.Repository,
            ["imageIds"] = new JsonArray(id),
        };
        var response = await JsonAsync(AwsServiceDescriptor.Ecr, EcrTarget, ecr.Region, "DescribeImages", request, ct);
        return response.Arr("imageDetails").Objects().Any()
            ? PreflightResult.Ok()
            : PreflightResult.Missing($"repository {ecr.Repository} has no image {ecr}");
    }

    private async Task<PreflightResult> RoleAsync(string role, CancellationToken ct)
    {
        // taskRoleArn / executionRoleArn take an ARN (arn:aws:iam::123:role/path/name) or a bare name; GetRole wants the name.
        var name = role.StartsWith("arn:", StringComparison.Ordinal) ? role[(role.LastIndexOf('/') + 1)..] : role;
        var (global, signing) = IamRegion(region);
        var wire = WireFor(AwsServiceDescriptor.Iam, signing);
        // IAM has one global endpoint per partition, not regional ones (unless an endpoint is configured).
        if (wire.Endpoint.Host.StartsWith($"iam.{signing}.amazonaws.com", StringComparison.Ordinal)) wire = wire.WithEndpoint(global);
        await Paced(new QueryProtocol(wire, IamVersion))
            .CallAsync("GetRole", new QueryParameters().Add("RoleName", name), ct);
        return PreflightResult.Ok();
    }

    private async Task<PreflightResult> ParameterAsync(string name, string at, CancellationToken ct)
    {
        // GetParameter takes the name or the ARN. Without decryption: only existence is asked, not the value.
        await JsonAsync(AwsServiceDescriptor.Ssm, SsmTarget, at, "GetParameter", new JsonObject { ["Name"] = name }, ct);
        return PreflightResult.Ok();
    }

    private async Task<PreflightResult> SecretAsync(string valueFrom, string at, CancellationToken ct)
    {
        var secret = SecretRef.Parse(valueFrom)!;
        var response = await JsonAsync(AwsServiceDescriptor.SecretsManager, SecretsManagerTarget, at, "DescribeSecret", new JsonObject { ["SecretId"] = secret.Id }, ct);
        var versions = response.Obj("VersionIdsToStages");
        if (secret.VersionId is { } versionId && versions?[versionId] is null)
            return PreflightResult.Missing($"the secret has no version {versionId}");
        if (secret.VersionStage is { } stage && versions is not null
            && !versions.Select(v => v.Value as JsonArray).Any(stages => stages?.Any(s => s?.GetValue<string>() == stage) == true))
            return PreflightResult.Missing($"no version of the secret has the stage {stage}");
        return PreflightResult.Ok();
    }

    private async Task<PreflightResult> LogGroupAsync(string group, string at, CancellationToken ct)
    {
        string? token = null;
        do
        {
            var request = new JsonObject { ["logGroupNamePrefix"] = group };
            if (token is not null) request["nextToken"] = token;
            var response = await JsonAsync(AwsServiceDescriptor.Logs, "Logs_20140328", at, "DescribeLogGroups", request, ct);
            if (response.Arr("logGroups").Objects().Any(g => g.Str("logGroupName") == group)) return PreflightResult.Ok();
            token = response.Str("nextToken") is { Length: > 0 } next ? next : null;
        }
        while (token is not null);
        return PreflightResult.Missing("no such log group, and awslogs-create-group is not \"true\"");
    }

    private async Task<PreflightResult> Ec2Async(string action, string idParameter, string id, string at, CancellationToken ct)
    {
        await Paced(new Ec2Protocol(WireFor(AwsServiceDescriptor.Ec2, at), Ec2Version)).CallAsync(action, Ec2Protocol.List(idParameter, [id]), ct);
        return PreflightResult.Ok();
    }

    private Task<JsonObject> JsonAsync(AwsServiceDescriptor service, string target, string at, string action, JsonObject request, CancellationToken ct) =>
        Paced(new JsonProtocol(WireFor(service, at), target)).CallAsync(action, request, ct);

    private PacedProtocol<TRequest, TResponse> Paced<TRequest, TResponse>(IAwsProtocol<TRequest, TResponse> protocol) =>
        new(protocol, runner, AwsApiGroup.Preflight);

    private AwsWireClient WireFor(AwsServiceDescriptor service, string at) => _wires.GetOrAdd((service, at), key => wireFor(key.Item1, key.Item2));

    /// <summary>IAM's global endpoint and the region it signs for, per partition.</summary>
    private static (Uri Endpoint, string SigningRegion) IamRegion(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? (new Uri("https://iam.cn-north-1.amazonaws.com.cn"), "cn-north-1")
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? (new Uri("https://iam.us-gov.amazonaws.com"), "us-gov-west-1")
        : (new Uri("https://iam.amazonaws.com"), "us-east-1");
}
