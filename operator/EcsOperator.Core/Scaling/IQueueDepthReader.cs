namespace EcsOperator.Core.Scaling;

/// <summary>Reads an SQS queue's approximate depth for queueTriggers (implemented over AWSSDK.SQS in EcsOperator.Aws).</summary>
public interface IQueueDepthReader
{
    /// <summary>Visible and in-flight message counts. Throws when the queue cannot be read.</summary>
    Task<QueueDepth> GetDepthAsync(string queueUrl, CancellationToken ct);
}
