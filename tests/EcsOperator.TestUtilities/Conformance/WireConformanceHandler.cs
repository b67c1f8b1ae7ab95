using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Web;
using EcsOperator.Core.Aws.ApiModel;

namespace EcsOperator.TestUtilities.Conformance;

/// <summary>
/// Sits in front of the wire clients' HTTP handler and checks what they actually put on the wire against the AWS API
/// model: AWS JSON 1.1 bodies (ECS, CloudWatch Logs, ECR, SSM, Secrets Manager) by their <c>X-Amz-Target</c>, Query-protocol forms (Auto
/// Scaling, CloudWatch, IAM) by their <c>Action</c> and <c>Version</c>. A non-conforming request is refused with an
/// <see cref="ApiConformanceException"/> before it leaves the process. Actions outside the model table pass unchecked.
/// </summary>
public sealed class WireConformanceHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private static readonly Dictionary<string, AwsApiModel> JsonTargets = new(StringComparer.Ordinal)
    {
        ["AmazonEC2ContainerServiceV20141113"] = AwsApiModel.Ecs,
        ["Logs_20140328"] = AwsApiModel.Logs,
        ["AmazonEC2ContainerRegistry_V20150921"] = AwsApiModel.Ecr,
        ["AmazonSSM"] = AwsApiModel.Ssm,
        ["secretsmanager"] = AwsApiModel.SecretsManager,
    };

    private static readonly Dictionary<string, AwsApiModel> QueryVersions = new(StringComparer.Ordinal)
    {
        ["2011-01-01"] = AwsApiModel.AutoScaling,
        ["2010-08-01"] = AwsApiModel.CloudWatch,
        ["2010-05-08"] = AwsApiModel.Iam,
    };

    private readonly ConcurrentQueue<(string Service, string Action)> _checked = new();

    /// <summary>Every (service, action) checked, in order.</summary>
    public IReadOnlyCollection<(string Service, string Action)> Checked => _checked;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets) && targets.FirstOrDefault() is { } target)
        {
            var dot = target.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && JsonTargets.TryGetValue(target[..dot], out var model))
                Check(model, target[(dot + 1)..], () => JsonNode.Parse(body.Length == 0 ? "{}" : body)!.AsObject());
        }
        else if (body.Length > 0)
        {
            var form = HttpUtility.ParseQueryString(body);
            if (form["Action"] is { } action && form["Version"] is { } version && QueryVersions.TryGetValue(version, out var model))
                Check(model, action, () => QueryRequestReader.Read(model, action, form));
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private void Check(AwsApiModel model, string action, Func<JsonObject> read)
    {
        if (model.Input(action) is null) return;
        _checked.Enqueue((model.Service, action));
        var problems = ApiShapeChecker.CheckRequest(model, action, read());
        if (problems.Count > 0) throw new ApiConformanceException(model.Service, action, problems);
    }
}
