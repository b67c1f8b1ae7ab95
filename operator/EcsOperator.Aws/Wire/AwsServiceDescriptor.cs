namespace EcsOperator.Aws.Wire;

/// <summary>What the wire needs to know about one AWS service (from its botocore model's metadata).</summary>
/// <param name="EndpointPrefix">Host prefix, e.g. <c>ecs</c>, <c>monitoring</c>.</param>
/// <param name="SigningName">SigV4 service name.</param>
/// <param name="EnvId">Service id in <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c>.</param>
internal sealed record AwsServiceDescriptor(string EndpointPrefix, string SigningName, string EnvId)
{
    public static AwsServiceDescriptor Ecs { get; } = new("ecs", "ecs", "ECS");
    public static AwsServiceDescriptor AutoScaling { get; } = new("autoscaling", "autoscaling", "AUTO_SCALING");
    public static AwsServiceDescriptor CloudWatch { get; } = new("monitoring", "monitoring", "CLOUDWATCH");
    public static AwsServiceDescriptor Logs { get; } = new("logs", "logs", "CLOUDWATCH_LOGS");
    public static AwsServiceDescriptor Ecr { get; } = new("api.ecr", "ecr", "ECR");
    public static AwsServiceDescriptor Iam { get; } = new("iam", "iam", "IAM");
    public static AwsServiceDescriptor Ssm { get; } = new("ssm", "ssm", "SSM");
    public static AwsServiceDescriptor SecretsManager { get; } = new("secretsmanager", "secretsmanager", "SECRETS_MANAGER");
    public static AwsServiceDescriptor Ec2 { get; } = new("ec2", "ec2", "EC2");
    public static AwsServiceDescriptor Sns { get; } = new("sns", "sns", "SNS");
}
