using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Sampling;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Vitals;

namespace WearableFirmware.SimulatedBoard.Vitals;

/// <summary>
/// The PPG path as the firmware sees it, on its own virtual clock: a light source (<see cref="IPpgSignal"/>) →
/// <see cref="Max30102Model"/> → <see cref="Max30102"/> driver, drained every <see cref="DrainIntervalMicroseconds"/>
/// of simulated time as the sampling loop does, each drained sample handed to a <see cref="VitalsProcessor"/>.
/// Evaluation and end-to-end vitals tests use it so their samples pass the same ADC, FIFO and driver code as on the
/// device.
/// </summary>
public sealed class SimulatedPpgSensor
{
    /// <summary>The sampling loop's period (<see cref="LoopSettings.PeriodMicroseconds"/>), read from the firmware's defaults.</summary>
    public static readonly long DefaultDrainIntervalMicroseconds = new LoopSettings().PeriodMicroseconds;

    /// <summary>Starts the driver on a fresh clock with <paramref name="settings"/> (default: the firmware's <see cref="Max3010xSettings"/>).</summary>
    public SimulatedPpgSensor(IPpgSignal signal, Max3010xSettings? settings = null, long? drainIntervalMicroseconds = null)
    {
        ArgumentNullException.ThrowIfNull(signal);
        long interval = drainIntervalMicroseconds ?? DefaultDrainIntervalMicroseconds;
        if (interval <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(drainIntervalMicroseconds), interval, "drain interval must be positive");
        }

        DrainIntervalMicroseconds = interval;
        Clock = new VirtualClock();
        Chip = new Max30102Model(Clock, signal);
        Driver = new Max30102(Chip, Clock, settings ?? new Max3010xSettings());
        if (!Driver.Start())
        {
            throw new InvalidOperationException("MAX30102 did not start: " + Driver.DescribeLastError());
        }

        // The chip converts at start + n·period (n = 1, 2, ...): the first FIFO sample is taken one period after start.
        FirstSampleMicroseconds = Clock.NowMicroseconds + Driver.Settings.OutputPeriodMicroseconds;
    }

    public VirtualClock Clock { get; }

    public Max30102Model Chip { get; }

    public Max30102 Driver { get; }

    public long DrainIntervalMicroseconds { get; }

    /// <summary>Clock time of the first sample the chip takes (a recording's first sample should play then).</summary>
    public long FirstSampleMicroseconds { get; }

    /// <summary>FIFO samples per second with the driver's settings.</summary>
    public int SampleRateHz => (int)(1_000_000 / Driver.Settings.OutputPeriodMicroseconds);

    /// <summary>Samples delivered to the processor so far.</summary>
    public long SamplesDelivered { get; private set; }

    /// <summary>Samples the driver reported lost (zero at the default drain interval).</summary>
    public long SamplesLost { get; private set; }

    /// <summary>Called after each sample reaches the processor (e.g. to record the filtered pulse for a plot).</summary>
    public Action<VitalsProcessor>? AfterEachSample { get; set; }

    /// <summary>
    /// One loop tick: advances the clock by the drain interval, drains the FIFO and passes every sample (oldest
    /// first) to <paramref name="vitals"/>, with the ambient-light-overflow flag of this drain; none beyond sample
    /// <paramref name="lastSample"/> in all (a recording's end falls inside a tick: past it the light holds its last
    /// value, which no wearer produced). Returns the count passed on.
    /// </summary>
    public int Tick(VitalsProcessor vitals, long lastSample = long.MaxValue)
    {
        Clock.Advance(DrainIntervalMicroseconds);
        int n = Driver.Drain();
        DrainFlags flags = Driver.LastDrainFlags;
        SamplesLost += Driver.SamplesLostThisDrain;
        vitals.AmbientLightOverflow = (flags & DrainFlags.AmbientLightOverflow) != 0;
        int[] red = Driver.Red;
        int[] ir = Driver.Ir;
        if (SamplesDelivered + n > lastSample)
        {
            n = (int)Math.Max(0, lastSample - SamplesDelivered);
        }

        for (int i = 0; i < n; i++)
        {
            vitals.AddSample(red[i], ir[i]);
            AfterEachSample?.Invoke(vitals);
        }

        SamplesDelivered += n;
        return n;
    }

    /// <summary>Ticks until at least <paramref name="seconds"/> more of simulated time has passed.</summary>
    public void Run(VitalsProcessor vitals, double seconds)
    {
        long end = Clock.NowMicroseconds + (long)Math.Round(seconds * 1e6);
        while (Clock.NowMicroseconds < end)
        {
            Tick(vitals);
        }
    }
}
