using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Notifications;

/// <summary>
/// Reads the notifications file:
/// <code>
/// repeatAfterMinutes: 60            # optional: a persisting condition is notified again after this long
/// targets:
///   - name: deploys
///     webhook: {url: {env: SLACK_WEBHOOK_URL}}        # or {ssmParameter: NAME} or {secretsManagerSecret: ID}
///     reasons: [RolledBack, HookFailed]
///     kinds: [App]                   # optional
///     ratePerMinute: 20              # optional, default 30
///   - name: pager
///     sns: {topicArn: arn:aws:sns:us-east-1:123456789012:ops}
///     reasons: [BackoffLimitExceeded, SpotDrain]
/// </code>
/// Every problem is reported as <c>FILE:LINE:COL: path: message</c>; a file with any problem yields no settings, so
/// nothing is half applied. A webhook URL written in the file itself is refused: it is a secret.
/// </summary>
public static class NotificationSettingsReader
{
    private static readonly string[] TopFields = ["targets", "repeatAfterMinutes"];
    private static readonly string[] TargetFields = ["name", "sns", "webhook", "reasons", "kinds", "ratePerMinute"];
    private static readonly string[] SecretFields = ["env", "ssmParameter", "secretsManagerSecret"];

    /// <summary>Reads <paramref name="text"/> (named <paramref name="file"/> in errors). Returns null and the errors when anything is wrong.</summary>
    public static NotificationSettings? Read(string text, string file, out IReadOnlyList<string> errors)
    {
        var docs = YamlTreeReader.ReadAll(text, file, out var streamErrors);
        var found = new List<string>(streamErrors.Select(e => e.ToString()));
        foreach (var d in docs) found.AddRange(d.Errors.Select(e => e.ToString()));
        if (found.Count == 0 && docs.Count != 1) found.Add($"{file}:1:1: expected one YAML document, found {docs.Count}");
        if (found.Count > 0)
        {
            errors = found;
            return null;
        }
        var reader = new Reader(file, docs[0]);
        var settings = reader.Settings();
        errors = reader.Errors;
        return errors.Count == 0 ? settings : null;
    }

    private sealed class Reader(string file, ParsedDocument doc)
    {
        public List<string> Errors { get; } = [];

        private void Error(JsonNode? node, string path, string message)
        {
            var at = doc.Map.Node(node) ?? doc.Start;
            Errors.Add(new ManifestError(file, at.Line, at.Column, path, message).ToString());
        }

        private void KnownFields(JsonObject o, string path, string[] known)
        {
            foreach (var (name, value) in o)
            {
                if (known.Contains(name, StringComparer.Ordinal)) continue;
                var at = doc.Map.Key(o, name) ?? doc.Map.Node(value) ?? doc.Start;
                Errors.Add(new ManifestError(file, at.Line, at.Column, Join(path, name), $"unknown field (known: {string.Join(", ", known)})").ToString());
            }
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        public NotificationSettings? Settings()
        {
            if (doc.Root is not JsonObject root)
            {
                Error(doc.Root, "", "expected a mapping with 'targets'");
                return null;
            }
            KnownFields(root, "", TopFields);
            var repeat = NotificationSettings.DefaultRepeatAfter;
            if (root["repeatAfterMinutes"] is { } r)
            {
                if (Int(r, "repeatAfterMinutes", 0, 7 * 24 * 60) is { } minutes) repeat = TimeSpan.FromMinutes(minutes);
            }
            if (root["targets"] is not JsonArray list || list.Count == 0)
            {
                Error(root["targets"] ?? root, "targets", "expected a non-empty list of targets");
                return null;
            }
            var targets = new List<NotificationTarget>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                if (Target(list[i], $"targets[{i}]") is not { } t) continue;
                if (!names.Add(t.Name)) Error(list[i]!["name"], $"targets[{i}].name", $"'{t.Name}' names two targets");
                targets.Add(t);
            }
            return new NotificationSettings(targets, repeat);
        }

        private NotificationTarget? Target(JsonNode? node, string path)
        {
            if (node is not JsonObject o)
            {
                Error(node, path, "expected a mapping (name, sns or webhook, reasons)");
                return null;
            }
            var errorsBefore = Errors.Count;
            KnownFields(o, path, TargetFields);
            var name = o.Str("name");
            if (string.IsNullOrWhiteSpace(name)) Error(o["name"] ?? o, Join(path, "name"), "a target needs a name (it appears in logs and in NotificationFailed events)");
            var reasons = Strings(o["reasons"], Join(path, "reasons"), "reasons");
            if (reasons is { Count: 0 }) Error(o["reasons"], Join(path, "reasons"), "list at least one event reason, e.g. RolledBack");
            HashSet<ResourceKind>? kinds = null;
            if (o["kinds"] is { } kindsNode && Strings(kindsNode, Join(path, "kinds"), "kinds") is { } kindNames)
            {
                kinds = [];
                foreach (var k in kindNames)
                {
                    if (ResourceKinds.TryParseExact(k, out var kind)) kinds.Add(kind);
                    else Error(kindsNode, Join(path, "kinds"), $"'{k}' is not a kind (known: {string.Join(", ", ResourceKinds.All)})");
                }
            }
            var rate = o["ratePerMinute"] is { } rn ? Int(rn, Join(path, "ratePerMinute"), 1, 6000) : NotificationSettings.DefaultRatePerMinute;

            var (sns, webhook) = (o["sns"], o["webhook"]);
            NotificationTargetKind kindOfTarget = default;
            string? topic = null;
            SecretReference? url = null;
            if ((sns is null) == (webhook is null))
            {
                Error(o, path, "set exactly one of 'sns' or 'webhook'");
            }
            else if (sns is not null)
            {
                kindOfTarget = NotificationTargetKind.Sns;
                if (sns is not JsonObject so) Error(sns, Join(path, "sns"), "expected a mapping with topicArn");
                else
                {
                    KnownFields(so, Join(path, "sns"), ["topicArn"]);
                    topic = so.Str("topicArn");
                    if (topic is null || !topic.StartsWith("arn:", StringComparison.Ordinal) || topic.Split(':').Length != 6 || topic.Split(':')[2] != "sns")
                        Error(so["topicArn"] ?? so, Join(path, "sns.topicArn"), "expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)");
                }
            }
            else
            {
                kindOfTarget = NotificationTargetKind.Webhook;
                if (webhook is not JsonObject wo) Error(webhook, Join(path, "webhook"), "expected a mapping with url");
                else
                {
                    KnownFields(wo, Join(path, "webhook"), ["url"]);
                    url = Secret(wo["url"], Join(path, "webhook.url"));
                }
            }
            return Errors.Count > errorsBefore ? null
                : new NotificationTarget(name!, kindOfTarget, topic, url, reasons!.ToHashSet(StringComparer.Ordinal), kinds, rate ?? NotificationSettings.DefaultRatePerMinute);
        }

        private SecretReference? Secret(JsonNode? node, string path)
        {
            if (node is JsonValue v && v.TryGetValue<string>(out _))
            {
                Error(node, path, "a webhook URL is a secret and is not written here: give {env: VARIABLE}, {ssmParameter: NAME} or {secretsManagerSecret: ID}");
                return null;
            }
            if (node is not JsonObject o)
            {
                Error(node, path, "expected {env: VARIABLE}, {ssmParameter: NAME} or {secretsManagerSecret: ID}");
                return null;
            }
            KnownFields(o, path, SecretFields);
            var set = SecretFields.Where(f => o[f] is not null).ToList();
            if (set.Count != 1)
            {
                Error(o, path, "set exactly one of env, ssmParameter, secretsManagerSecret");
                return null;
            }
            if (o.Str(set[0]) is not { Length: > 0 } value)
            {
                Error(o[set[0]], Join(path, set[0]), "expected a non-empty name");
                return null;
            }
            return set[0] switch
            {
                "env" => new SecretReference(value, null, null),
                "ssmParameter" => new SecretReference(null, value, null),
                _ => new SecretReference(null, null, value),
            };
        }

        private List<string>? Strings(JsonNode? node, string path, string what)
        {
            if (node is not JsonArray a || a.Any(x => x is not JsonValue xv || !xv.TryGetValue<string>(out _)))
            {
                Error(node, path, $"expected a list of {what} (strings)");
                return null;
            }
            return [.. a.Select(x => x!.GetValue<string>())];
        }

        private int? Int(JsonNode node, string path, int min, int max)
        {
            if (node is JsonValue v && v.TryGetValue<long>(out var n) && n >= min && n <= max) return (int)n;
            if (node is JsonValue d && d.TryGetValue<double>(out var f) && f == Math.Floor(f) && f >= min && f <= max) return (int)f;
            Error(node, path, $"expected a whole number from {min} to {max}");
            return null;
        }
    }
}
