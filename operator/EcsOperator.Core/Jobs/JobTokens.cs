using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// The identifiers that make a Job's launches idempotent. Both derive from the Job's key and the uid recorded in
/// its status before the first launch (so a Job deleted and created again under the same name is a different Job).
/// <list type="bullet">
/// <item><c>startedBy</c> names one run (ECS: at most 36 letters, digits, '-', '/', '_'); ListTasks by it finds the run's task.</item>
/// <item><c>clientToken</c> names one RunTask call of a run (ECS: at most 64 ASCII characters); a repeated call with it
/// does not start a second task.</item>
/// </list>
/// </summary>
public static class JobTokens
{
    public const int MaxStartedByLength = 36;
    public const int MaxClientTokenLength = 64;
    private const string Prefix = "ecsop-";

    /// <summary>The startedBy of run <paramref name="run"/> (1-based) of the Job.</summary>
    public static string StartedBy(ResourceKey job, string uid, int run)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(run, 1);
        var suffix = "-" + run.ToString(CultureInfo.InvariantCulture);
        var hashLength = Math.Min(20, MaxStartedByLength - Prefix.Length - suffix.Length);
        return Prefix + Hash(job, uid)[..hashLength] + suffix;
    }

    /// <summary>The clientToken of launch try <paramref name="launchTry"/> (1-based) of run <paramref name="run"/>.
    /// A placement failure is retried with the next try, so ECS never answers a retry from its idempotency cache.</summary>
    public static string ClientToken(ResourceKey job, string uid, int run, int launchTry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(run, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(launchTry, 1);
        return Prefix + Hash(job, uid)[..32] + "-" + run.ToString(CultureInfo.InvariantCulture) + "-" + launchTry.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True when <paramref name="s"/> obeys ECS's startedBy rule.</summary>
    public static bool IsValidStartedBy(string s) =>
        s.Length is > 0 and <= MaxStartedByLength && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '_');

    /// <summary>True when <paramref name="s"/> obeys ECS's clientToken rule.</summary>
    public static bool IsValidClientToken(string s) => s.Length is > 0 and <= MaxClientTokenLength && s.All(char.IsAscii);

    private static string Hash(ResourceKey job, string uid) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(job.Pk + "\n" + uid)));
}
