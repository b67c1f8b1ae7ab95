using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Notifications;

namespace EcsOperator.Aws.Notifications;

/// <summary>
/// Reads the secret a <see cref="SecretReference"/> names: an environment variable, an SSM parameter (GetParameter with
/// decryption) or a Secrets Manager secret (GetSecretValue's SecretString), the last two over the signed AWS JSON 1.1 wire.
/// Values are kept for <see cref="Ttl"/> so a rotated secret is picked up, and dropped at once by <see cref="Forget"/>
/// (after a delivery the value was refused for).
/// </summary>
internal sealed class SecretResolver(JsonProtocol? ssm, JsonProtocol? secretsManager, TimeProvider time, Func<string, string?>? environment = null)
{
    private readonly ConcurrentDictionary<SecretReference, (string Value, DateTimeOffset At)> cache = new();
    private readonly Func<string, string?> env = environment ?? Environment.GetEnvironmentVariable;

    public TimeSpan Ttl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The secret's value; throws <see cref="NotificationDeliveryException"/> when it cannot be read.</summary>
    public async Task<string> GetAsync(SecretReference secret, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(secret, out var c) && now - c.At < Ttl) return c.Value;
        var value = await ReadAsync(secret, ct);
        if (string.IsNullOrWhiteSpace(value)) throw new NotificationDeliveryException($"{secret} is empty", transient: false);
        cache[secret] = (value.Trim(), now);
        return value.Trim();
    }

    public void Forget(SecretReference secret) => cache.TryRemove(secret, out _);

    private async Task<string?> ReadAsync(SecretReference secret, CancellationToken ct)
    {
        try
        {
            if (secret.Env is { } name)
                return env(name) ?? throw new NotificationDeliveryException($"environment variable {name} is not set", transient: false);
            if (secret.SsmParameter is { } parameter)
            {
                var answer = await (ssm ?? throw Unconfigured("SSM")).CallAsync("GetParameter",
                    new JsonObject { ["Name"] = parameter, ["WithDecryption"] = true }, ct);
                return answer.Obj("Parameter").Str("Value");
            }
            var result = await (secretsManager ?? throw Unconfigured("Secrets Manager")).CallAsync("GetSecretValue",
                new JsonObject { ["SecretId"] = secret.SecretsManagerSecret }, ct);
            return result.Str("SecretString");
        }
        catch (AwsApiException e)
        {
            throw new NotificationDeliveryException($"cannot read {secret}: {e.Code}: {e.ErrorMessage}", e.IsTransient, e);
        }
        catch (HttpRequestException e)
        {
            throw new NotificationDeliveryException($"cannot read {secret}: {e.Message}", transient: true, e);
        }
    }

    private static NotificationDeliveryException Unconfigured(string service) =>
        new($"no {service} client is configured for this operator", transient: false);
}
