using CsCheck;
using EcsOperator.Core.Scaling;

namespace EcsOperator.Core.Tests.Scaling;

public sealed class ScaleDeciderPropertyTests
{
    private static readonly string[] Zones = ["UTC", "Asia/Tokyo", "Europe/London", "America/New_York", "Australia/Lord_Howe"];
    private static readonly string[] AlarmPool = ["a1", "a2", "a3", "a4"];
    private static readonly string[] States = ["OK", "ALARM", "INSUFFICIENT_DATA", "-"];
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<MinimumWindow> GenWindow =
        Gen.Select(Gen.Int[0, 1439], Gen.Int[0, 1439], Gen.Int[0, 40], Gen.OneOf(Zones), (f, t, c, z) =>
        {
            Assert.True(MinimumWindowParser.TryParse($"{f / 60:00}:{f % 60:00}", $"{t / 60:00}:{t % 60:00}", c, z, "w", out var w, out _));
            return w!;
        });

    private static readonly Gen<AlarmRule> GenTrigger =
        Gen.Select(Gen.OneOf(AlarmPool), Gen.OneOf("ALARM", "OK"), Gen.Int[0, 5], Gen.Bool,
            (a, s, step, p) => new AlarmRule(a, s, step == 0 ? null : step, p));

    private static readonly Gen<ScaleRules> GenRules =
        Gen.Select(Gen.Int[0, 12], Gen.Int[1, 40].List[1, 3], Gen.Int[0, 900], Gen.Int[0, 5], Gen.Int[0, 600],
            GenWindow.List[0, 3], GenTrigger.List[0, 3], GenTrigger.List[0, 3],
            (min, max, cooldown, step, idle, windows, up, down) => new ScaleRules(min, max, cooldown, step, idle, windows, up, down,
                [new QueueRule("q", 7)]));

    private static readonly Gen<ScaleInput> GenInput =
        Gen.Select(GenRules, Gen.Int[-2, 60], Gen.OneOf(States).Array[AlarmPool.Length], Gen.Long[-1, 400],
            Gen.Int[0, 365 * 24 * 3600], Gen.Int[-1, 1200], Gen.Int[-1, 1200], Gen.Int[0, 2],
            (rules, current, states, depth, nowSeconds, sinceScale, timerAge, timerStage) =>
            {
                var now = Epoch + TimeSpan.FromSeconds(nowSeconds);
                var alarms = new Dictionary<string, string>();
                for (var i = 0; i < AlarmPool.Length; i++) if (states[i] != "-") alarms[AlarmPool[i]] = states[i];
                var queues = depth < 0 ? new Dictionary<string, QueueDepth>() : new Dictionary<string, QueueDepth> { ["q"] = new(depth, depth / 3) };
                var ceilings = rules.MaxTaskCount.Order().ToList();
                var timer = timerAge < 0 ? null : new CeilingTimer(ceilings[Math.Min(timerStage, ceilings.Count - 1)], now - TimeSpan.FromSeconds(timerAge));
                var last = sinceScale < 0 ? (DateTimeOffset?)null : now - TimeSpan.FromSeconds(sinceScale);
                return new ScaleInput(rules, current, alarms, queues, now, last, timer);
            });

    private static bool Idle(ScaleInput i) => i.LastScaleTime is { } l && i.Now < l + TimeSpan.FromSeconds(i.Rules.IdleTimeSeconds);

    [Fact]
    public void Outside_idle_time_the_count_never_leaves_minimum_to_top_ceiling() =>
        GenInput.Sample(input =>
        {
            if (Idle(input)) return true;
            var d = ScaleDecider.Decide(input);
            var top = input.Rules.MaxTaskCount.Max();
            var minimum = ScaleDecider.MinimumAt(input.Rules, input.Now, top).Count;
            return d.DesiredCount >= minimum && d.DesiredCount <= top && minimum <= top;
        }, iter: 20_000);

    [Fact]
    public void Inside_idle_time_the_count_never_changes() =>
        GenInput.Sample(input =>
        {
            var d = ScaleDecider.Decide(input);
            return !Idle(input) || d.DesiredCount == Math.Max(0, input.CurrentCount) && !d.Changed;
        }, iter: 20_000);

    [Fact]
    public void A_stage_ceiling_is_not_crossed_before_its_cooldown() =>
        GenInput.Sample(input =>
        {
            if (input.CeilingTimer is not null || input.Rules.CooldownTimeForReachMaxSeconds == 0) return true;
            var d = ScaleDecider.Decide(input);
            var ceilings = input.Rules.MaxTaskCount.Order().ToList();
            var stage = ceilings.FirstOrDefault(c => c >= input.CurrentCount, ceilings[^1]);
            return d.DesiredCount <= Math.Max(stage, d.Minimum.Count) || d.DesiredCount == Math.Max(0, input.CurrentCount);
        }, iter: 20_000);

    [Fact]
    public void A_missing_alarm_never_moves_the_count_inside_bounds() =>
        GenInput.Sample(input =>
        {
            var d = ScaleDecider.Decide(input);
            if (d.MissingAlarms.Count == 0 || Idle(input)) return true;
            var current = Math.Max(0, input.CurrentCount);
            var inBounds = current >= d.Minimum.Count && current <= input.Rules.MaxTaskCount.Max();
            return !inBounds || d.DesiredCount == current;
        }, iter: 20_000);

    [Fact]
    public void Deciding_is_deterministic() =>
        GenInput.Sample(input => ScaleDecider.Decide(input).DesiredCount == ScaleDecider.Decide(input).DesiredCount, iter: 2_000);
}
