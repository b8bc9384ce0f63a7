using WearableFirmware.Drivers;
using WearableFirmware.Sampling;
using WearableFirmware.SimulatedBoard;
using Xunit;

namespace WearableFirmware.Tests.Sampling;

public class SamplingLoopTests
{
    private const int Period = 40_000;

    /// <summary>A task that takes simulated time and remembers when and in which order it ran.</summary>
    private sealed class Step(VirtualClock clock, string name, List<string>? log = null) : ILoopTask
    {
        public long Cost;
        public Func<int, long>? CostOfRun;
        public bool Throw;
        public readonly List<long> StartedAt = new();

        public void Run(long nowMicroseconds)
        {
            StartedAt.Add(clock.NowMicroseconds);
            log?.Add(name);
            long cost = CostOfRun?.Invoke(StartedAt.Count - 1) ?? Cost;
            clock.Advance(cost);
            if (Throw)
            {
                throw new InvalidOperationException("stage failed");
            }
        }
    }

    private sealed class CountingWatchdog : IWatchdog
    {
        public int Feeds;

        public void Feed() => Feeds++;
    }

    /// <summary>The loop's mechanics on a 40 ms period with its own budgets, whatever the firmware's defaults.</summary>
    private static SamplingLoop NewLoop(VirtualClock clock, CountingWatchdog? dog = null)
        => new(clock, new LoopSettings
        {
            PeriodMicroseconds = Period,
            TickBudgetMicroseconds = 20_000,
            AcquireBudgetMicroseconds = 5_000,
            ProcessBudgetMicroseconds = 10_000,
            PublishBudgetMicroseconds = 5_000,
        }, dog ?? new CountingWatchdog());

    [Fact]
    public void The_default_period_leaves_both_fifos_two_thirds_free_and_puts_whole_seconds_on_ticks()
    {
        var settings = new LoopSettings();
        settings.Validate();
        // MAX30102: 32-sample FIFO at 100 sps; ADXL345: 32 FIFO levels + the output registers at 50 Hz (datasheets).
        Assert.True(settings.PeriodMicroseconds * 100L * 3 <= 32 * 1_000_000L, "MAX30102 FIFO");
        Assert.True(settings.PeriodMicroseconds * 50L * 3 <= 33 * 1_000_000L, "ADXL345 FIFO");
        Assert.Equal(0, 1_000_000 % settings.PeriodMicroseconds);
    }

    [Fact]
    public void Ticks_start_on_absolute_deadlines_without_drift()
    {
        var clock = new VirtualClock();
        var loop = NewLoop(clock);
        var acquire = new Step(clock, "acquire") { Cost = 7_123 };
        loop.AddSensor("ppg", acquire, new DriverHealth());

        loop.Run(1000L * Period);

        Assert.Equal(1000, loop.Statistics.Ticks);
        for (int k = 0; k < 1000; k++)
        {
            Assert.Equal(k * (long)Period, acquire.StartedAt[k]);
        }

        Assert.Equal(0, loop.Statistics.WorstLatenessMicroseconds);
        Assert.Equal(7_123, loop.Statistics.WorstTickMicroseconds);
        Assert.Equal(0, loop.Statistics.Overruns);
    }

    [Fact]
    public void Phases_run_in_fixed_order_and_publishers_at_their_own_rates()
    {
        var clock = new VirtualClock();
        var log = new List<string>();
        var loop = NewLoop(clock);
        var vitals = new Step(clock, "vitals");
        var battery = new Step(clock, "battery");
        var events = new Step(clock, "events", log);
        loop.AddPublisher(events, 0);
        loop.AddPublisher(vitals, 1_000_000);
        loop.AddPublisher(battery, 60_000_000);
        loop.AddProcessor(new Step(clock, "process", log));
        loop.AddSensor("ppg", new Step(clock, "acquire-ppg", log), new DriverHealth());
        loop.AddSensor("motion", new Step(clock, "acquire-motion", log), new DriverHealth());

        loop.Run(120_000_000);

        Assert.Equal(["acquire-ppg", "acquire-motion", "process", "events"], log.Take(4));
        Assert.Equal(3000, events.StartedAt.Count);
        // The last tick starts at 119.96 s: vitals went out at 1, 2, ... 119 s and the battery once, at 60 s.
        Assert.Equal(119, vitals.StartedAt.Count);
        Assert.Equal(1_000_000, vitals.StartedAt[0]);
        Assert.Equal(119_000_000, vitals.StartedAt[^1]);
        Assert.Single(battery.StartedAt);
        Assert.Equal(60_000_000, battery.StartedAt[0]);
    }

    [Fact]
    public void An_overrunning_tick_is_counted_defers_publishing_but_not_acquisition_or_events()
    {
        var clock = new VirtualClock();
        var loop = NewLoop(clock);
        var acquire = new Step(clock, "acquire") { Cost = 1_000 };
        // Tick 25 (t = 1.0 s, when the 1 s publisher is due) processes for 25 ms: over the 20 ms tick budget.
        var process = new Step(clock, "process") { CostOfRun = run => run == 25 ? 25_000 : 2_000 };
        var vitals = new Step(clock, "vitals");
        var events = new Step(clock, "events");
        loop.AddSensor("ppg", acquire, new DriverHealth());
        loop.AddProcessor(process);
        loop.AddPublisher(events, 0);
        loop.AddPublisher(vitals, 1_000_000);

        loop.Run(50L * Period);

        Assert.Equal(1, loop.Statistics.Overruns);
        Assert.Equal(1, loop.Statistics.PhaseOverruns[(int)LoopPhase.Process]);
        Assert.Equal(1, loop.Statistics.PublishDeferrals);
        Assert.Equal(50, acquire.StartedAt.Count);
        Assert.Equal(50, events.StartedAt.Count);
        // Deferred from the tick at 1.000 s to the next one at 1.040 s.
        Assert.Equal([1_040_000 + 1_000 + 2_000], vitals.StartedAt);
    }

    [Fact]
    public void A_stall_longer_than_a_period_skips_missed_slots_and_counts_them()
    {
        var clock = new VirtualClock();
        var loop = NewLoop(clock);
        // Tick 10 (t = 400 ms) stalls for 130 ms and ends at 530 ms: the 440 and 480 ms slots are skipped, the 520 ms
        // slot runs 10 ms late, and the grid continues at 560 ms.
        var process = new Step(clock, "process") { CostOfRun = run => run == 10 ? 130_000 : 1_000 };
        var acquire = new Step(clock, "acquire");
        loop.AddSensor("ppg", acquire, new DriverHealth());
        loop.AddProcessor(process);

        loop.Run(20L * Period);

        Assert.Equal(2, loop.Statistics.MissedTicks);
        Assert.Equal(400_000, acquire.StartedAt[10]);
        Assert.Equal(530_000, acquire.StartedAt[11]);
        Assert.Equal(560_000, acquire.StartedAt[12]);
        Assert.Equal(10_000, loop.Statistics.WorstLatenessMicroseconds);
        Assert.Equal(18, loop.Statistics.Ticks);
        Assert.Equal(130_000, loop.Statistics.WorstTickMicroseconds);
    }

    [Fact]
    public void A_late_start_is_measured_as_jitter()
    {
        var clock = new VirtualClock();
        var loop = NewLoop(clock);
        // Each tick costs 45 ms: every start is 5 ms later than the one before until a whole period is lost.
        loop.AddSensor("ppg", new Step(clock, "acquire") { Cost = 45_000 }, new DriverHealth());

        loop.RunOneTick();
        loop.RunOneTick();
        loop.RunOneTick();

        Assert.Equal(10_000, loop.Statistics.WorstLatenessMicroseconds);
        Assert.Equal((0 + 5_000 + 10_000) / 3, loop.Statistics.MeanLatenessMicroseconds);
    }

    [Fact]
    public void Faulting_stages_are_counted_and_the_loop_continues()
    {
        var clock = new VirtualClock();
        var dog = new CountingWatchdog();
        var loop = NewLoop(clock, dog);
        var acquire = new Step(clock, "acquire");
        var process = new Step(clock, "process") { Throw = true };
        loop.AddSensor("ppg", acquire, new DriverHealth());
        loop.AddProcessor(process);

        loop.Run(10L * Period);

        Assert.Equal(10, loop.Statistics.TaskFaults);
        Assert.Equal(LoopPhase.Process, loop.Statistics.LastFaultPhase);
        Assert.Equal(10, acquire.StartedAt.Count);
        Assert.Equal(10, dog.Feeds);

        acquire.Throw = true;
        loop.Run(20L * Period);
        Assert.Equal(10, dog.Feeds); // acquisition failing: the watchdog is starved and will reset the device
    }

    [Theory]
    [InlineData(500, 400, 100, 100, 100, "PeriodMicroseconds")]
    [InlineData(40_000, 50_000, 100, 100, 100, "TickBudgetMicroseconds")]
    [InlineData(40_000, 20_000, 10_000, 10_000, 5_000, "add up")]
    [InlineData(40_000, 20_000, 0, 10_000, 5_000, "positive")]
    public void Invalid_settings_are_rejected_with_a_clear_message(int period, int tick, int acquire, int process, int publish, string expected)
    {
        var settings = new LoopSettings
        {
            PeriodMicroseconds = period,
            TickBudgetMicroseconds = tick,
            AcquireBudgetMicroseconds = acquire,
            ProcessBudgetMicroseconds = process,
            PublishBudgetMicroseconds = publish,
        };

        var error = Assert.Throws<ArgumentException>(() => new SamplingLoop(new VirtualClock(), settings, new CountingWatchdog()));
        Assert.Contains(expected, error.Message);
    }

    private sealed class FreeTask(VirtualClock clock) : ILoopTask
    {
        public void Run(long nowMicroseconds) => clock.Advance(500);
    }

    [Fact]
    public void A_tick_allocates_nothing()
    {
        static SamplingLoop Build()
        {
            var clock = new VirtualClock();
            var loop = NewLoop(clock);
            loop.AddSensor("ppg", new FreeTask(clock), new DriverHealth());
            loop.AddProcessor(new FreeTask(clock));
            loop.AddPublisher(new FreeTask(clock), 0);
            loop.AddPublisher(new FreeTask(clock), 1_000_000);
            loop.RunOneTick();
            return loop;
        }

        long allocated = Allocation.Of(Build, loop =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                loop.RunOneTick();
            }
        });

        Assert.Equal(0, allocated);
    }
}
