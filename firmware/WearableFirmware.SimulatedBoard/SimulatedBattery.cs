using WearableFirmware.Application;

namespace WearableFirmware.SimulatedBoard;

/// <summary>
/// A single-cell LiPo (500 mAh): charge drawn at the board's current — awake or in deep sleep — and put back by a
/// charger; the terminal voltage follows the state of charge on a LiPo discharge curve down to the protection
/// cut-off (3.0 V at empty), where the cell disconnects the board. Time is the board's clock (moved over on a reboot).
/// </summary>
public sealed class SimulatedBattery : IBatterySensor
{
    /// <summary>The protection circuit disconnects the cell here: the board is off.</summary>
    public const int CutOffMillivolts = 3000;

    // Open-circuit millivolts at 100, 95, ..., 0 % of capacity; 0 % is the cut-off.
    private static readonly int[] Curve =
    [
        4200, 4150, 4110, 4080, 4020, 3980, 3950, 3910, 3870, 3850,
        3840, 3820, 3800, 3790, 3770, 3750, 3730, 3710, 3690, 3610, CutOffMillivolts,
    ];

    private VirtualClock _clock;
    private long _settledUs;
    private double _chargeMah;
    private bool _sleeping;
    private bool _charging;

    public SimulatedBattery(VirtualClock clock, double capacityMah = 500, double startPercent = 84)
    {
        _clock = clock;
        _settledUs = clock.NowMicroseconds;
        CapacityMah = capacityMah;
        _chargeMah = capacityMah * startPercent / 100;
    }

    public double CapacityMah { get; }

    /// <summary>Average draw while the firmware runs (20 mA: about 4 % an hour of 500 mAh).</summary>
    public double ActiveMilliamps { get; set; } = 20;

    /// <summary>Draw in deep sleep (hardware-notes/power.md: 0.05-0.15 mA with the accelerometer armed).</summary>
    public double SleepMilliamps { get; set; } = 0.1;

    public double ChargeMilliamps { get; set; } = 250;

    public bool Sleeping
    {
        get => _sleeping;
        set
        {
            Settle();
            _sleeping = value;
        }
    }

    public bool Charging
    {
        get => _charging;
        set
        {
            Settle();
            _charging = value;
        }
    }

    public double ChargeMah
    {
        get
        {
            Settle();
            return _chargeMah;
        }
    }

    /// <summary>True once the cell reached its cut-off (and no charger brings it back).</summary>
    public bool CutOff => ChargeMah <= 0;

    public int ReadMillivolts()
    {
        double position = (1 - ChargeMah / CapacityMah) * (Curve.Length - 1);
        int i = Math.Min((int)position, Curve.Length - 2);
        return (int)Math.Round(Curve[i] + (Curve[i + 1] - Curve[i]) * (position - i));
    }

    /// <summary>A reboot starts a new clock: account what was drawn so far, then follow the new one.</summary>
    public void MoveTo(VirtualClock clock)
    {
        Settle();
        _clock = clock;
        _settledUs = clock.NowMicroseconds;
    }

    private void Settle()
    {
        long now = _clock.NowMicroseconds;
        double hours = (now - _settledUs) / 3.6e9;
        _settledUs = now;
        double current = _charging ? -ChargeMilliamps : _sleeping ? SleepMilliamps : ActiveMilliamps;
        _chargeMah = Math.Clamp(_chargeMah - current * hours, 0, CapacityMah);
    }
}
