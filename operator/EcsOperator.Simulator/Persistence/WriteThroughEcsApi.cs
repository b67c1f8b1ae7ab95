using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;

namespace EcsOperator.Simulator.Persistence;

/// <summary>
/// A persisted simulator answers a mutating ECS call only once the state file holds its effect, as real ECS never
/// forgets a call it confirmed: a process killed right after RunTask returned still has that task after a restart.
/// Concurrent callers share one save (group commit). Reads are not held back; the time-driven transitions they may
/// trigger are replayed from the saved clock on the next load.
/// </summary>
internal sealed class WriteThroughEcsApi(IEcsApi inner, Func<CancellationToken, ValueTask> commit) : IEcsApi
{
    public async Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
    {
        if (!EcsAction.IsMutating(action)) return await inner.SendAsync(action, request, ct);
        JsonObject response;
        try
        {
            response = await inner.SendAsync(action, request, ct);
        }
        catch (AwsApiException)
        {
            // A rejected call changes nothing the caller was told about, but the time it advanced may have; saving
            // keeps the file no older than anything an earlier answer showed.
            await commit(CancellationToken.None);
            throw;
        }
        await commit(CancellationToken.None);
        return response;
    }
}
