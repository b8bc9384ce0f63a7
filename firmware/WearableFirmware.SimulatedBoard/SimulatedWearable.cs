using WearableFirmware.Alarms;
using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;
using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Storage;

namespace WearableFirmware.SimulatedBoard;

/// <summary>
/// The reference board, simulated: a virtual clock, the MAX30102 and ADXL345 register models (each behind a
/// fault-injecting bus) fed by a wearer scenario, flash, a battery, the button, the alarm outputs, a watchdog and
/// the GATT server with its Security Manager and bond store — wired to the same <see cref="WearableApplication"/>
/// and <see cref="BondManager"/> the ESP32 runs.
/// </summary>
public sealed class SimulatedWearable
{
    public static readonly byte[] BluetoothAddress = SimulatedGattServer.DefaultDeviceAddress;

    private readonly ApplicationSettings? _settings;

    /// <param name="flash">The flash of a previous run, to simulate a reboot (records survive); null for a new board.</param>
    /// <param name="keys">The passkey file and bond store of a previous run (they survive a reboot); null for a new board.</param>
    /// <param name="battery">The cell of a previous run (a reboot keeps its charge); null for a new one.</param>
    /// <param name="settingsFlash">The settings flash of a previous run (alarm limits survive a reboot); null for a new board.</param>
    public SimulatedWearable(WearerScenario scenario, ApplicationSettings? settings = null, SimulatedFlash? flash = null, SimulatedKeyStorage? keys = null,
        SimulatedBattery? battery = null, SimulatedFlash? settingsFlash = null)
    {
        Scenario = scenario;
        _settings = settings;
        Clock = new VirtualClock();
        PpgSignal = scenario.BuildPpg();
        PpgChip = new Max30102Model(Clock, PpgSignal);
        MotionChip = new Adxl345Model(Clock, scenario.BuildMotion());
        PpgBus = new FaultInjectingBus(PpgChip, Clock, scenario.Seed + 101);
        MotionBus = new FaultInjectingBus(MotionChip, Clock, scenario.Seed + 202);
        Flash = flash ?? new SimulatedFlash(16, 8192, scenario.Seed);
        SettingsFlash = settingsFlash ?? new SimulatedFlash(2, SettingsSegmentBytes, scenario.Seed + 303);
        Battery = battery ?? new SimulatedBattery(Clock);
        Battery.MoveTo(Clock);
        Battery.Sleeping = false;
        Button = new ScriptedButton(Clock);
        foreach (var (seconds, press) in scenario.Presses)
        {
            Button.PressAt(seconds, press);
        }

        Alarm = new RecordingAlarm(Clock);
        Watchdog = new RecordingWatchdog(Clock);
        App = new WearableApplication(Clock, PpgBus, MotionBus, Flash, SettingsFlash, Watchdog, Alarm, Button, new BatterySensor(this), BluetoothAddress,
            settings ?? new ApplicationSettings());
        App.AlarmBridge.Observer = AlarmLog;
        Keys = keys ?? new SimulatedKeyStorage(scenario.Seed + 404);
        Server = new SimulatedGattServer(App.Profile, FirmwareIdentity.Model, Keys.Bonds, BluetoothAddress, scenario.Seed + 303);
        Pairing = new BondManager(Keys.PasskeyFile, Keys.Entropy, Keys.Bonds);
        Pairing.EventLog = App.Store;
        Server.Security.Firmware = Pairing;
        Server.Connected += App.OnPhoneConnected;
        Server.Disconnected += App.OnPhoneDisconnected;
        Server.IndicationConfirmed += App.OnIndicationConfirmed;
    }

    public WearerScenario Scenario { get; }

    public VirtualClock Clock { get; }

    public IPpgSignal PpgSignal { get; }

    public Max30102Model PpgChip { get; }

    public Adxl345Model MotionChip { get; }

    public FaultInjectingBus PpgBus { get; }

    public FaultInjectingBus MotionBus { get; }

    public SimulatedFlash Flash { get; }

    /// <summary>Two small segments for settings kept across restarts (the device: two files on I:\settings).</summary>
    public SimulatedFlash SettingsFlash { get; }

    /// <summary>Bytes per settings segment, as on the device.</summary>
    public const int SettingsSegmentBytes = 128;

    public SimulatedBattery Battery { get; }

    public ScriptedButton Button { get; }

    public RecordingAlarm Alarm { get; }

    public RecordingWatchdog Watchdog { get; }

    /// <summary>Every alarm event of this run, with its monotonic time (the store keeps whole seconds of wall time).</summary>
    public AlarmLog AlarmLog { get; } = new();

    public WearableApplication App { get; }

    public SimulatedGattServer Server { get; }

    public SimulatedKeyStorage Keys { get; }

    /// <summary>The firmware's pairing side: passkey, window, bond limit, back-off.</summary>
    public BondManager Pairing { get; }

    /// <summary>What the label on the case says (the passkey a phone's user types).</summary>
    public string Label => $"{FirmwareIdentity.Model}  S/N {Convert.ToHexString(BluetoothAddress)}  PIN {PairingPasskey.Format(Pairing.Passkey)}";

    /// <summary>
    /// Boots the firmware (sensor self-checks, boot record), provisions the passkey (drawn at the first boot) and,
    /// with <paramref name="pairingGesture"/> (the button held at power-up), opens the pairing window. False when a
    /// sensor did not start.
    /// </summary>
    public bool Boot(bool pairingGesture = true)
    {
        bool sensors = App.Start(resetCause: 0);
        Pairing.Provision();
        if (pairingGesture)
        {
            Pairing.OpenPairingWindow(Clock.NowMicroseconds);
        }

        return sensors;
    }

    /// <summary>A phone whose user types the passkey printed on this board's label.</summary>
    public SimulatedPhone NewPhone(string name, byte[] address, int mtu = 185)
    {
        var phone = new SimulatedPhone(name, address, mtu);
        phone.Security.PasskeyEntry = () => Pairing.Passkey;
        return phone;
    }

    /// <summary>The factory-reset gesture's work (records, bonds, passkey); build a new board on the same storage to reboot.</summary>
    public bool FactoryReset() => WearableFirmware.Application.FactoryReset.Run(Flash, SettingsFlash, Pairing);

    /// <summary>The firmware went to deep sleep on a critical battery; only <see cref="Wake"/> (a reboot) brings it back.</summary>
    public bool Asleep { get; private set; }

    /// <summary>The cell reached its cut-off: the board has no power.</summary>
    public bool PoweredOff { get; private set; }

    /// <summary>
    /// Runs until <paramref name="seconds"/> of simulated time as the device's two threads do: the sampling loop, and
    /// once a second the main thread's critical-battery check — deep sleep when the gauge reads critical without a
    /// charger (<see cref="WearableApplication.PrepareForDeepSleep"/>), after which only time passes, at the sleep
    /// current, until the cut-off or a <see cref="Wake"/>.
    /// </summary>
    public void RunUntil(double seconds)
    {
        long until = (long)(seconds * 1_000_000);
        for (long second = (Clock.NowMicroseconds / 1_000_000 + 1) * 1_000_000; ; second += 1_000_000)
        {
            if (Asleep || PoweredOff)
            {
                if (Clock.NowMicroseconds < until)
                {
                    Clock.Advance(until - Clock.NowMicroseconds);
                }

                PoweredOff |= Battery.CutOff;
                return;
            }

            long target = Math.Min(until, second);
            App.Run(target);
            if (Battery.CutOff)
            {
                PoweredOff = true; // brown-out: the firmware never got to sleep
            }
            else if (App.DeepSleepDue(Battery.Charging))
            {
                App.PrepareForDeepSleep();
                Asleep = true;
                Battery.Sleeping = true;
            }

            if (target >= until)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Wakes from deep sleep (button, accelerometer or charger): the device boots again from the start, so this is
    /// a new board over the same flash and cell. Boot it; if the battery is still critical it goes back to sleep.
    /// </summary>
    public SimulatedWearable Wake() =>
        Battery.CutOff && !Battery.Charging ? throw new InvalidOperationException("the cell is at its cut-off: attach the charger first")
            : new SimulatedWearable(Scenario, _settings, Flash, Keys, Battery, SettingsFlash);

    /// <summary>Runs exactly <paramref name="ticks"/> more loop ticks.</summary>
    public void RunTicks(int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            App.Loop.RunOneTick();
        }
    }
}

/// <summary>
/// What survives a reboot besides the record flash: the passkey file and the stack's bond store; and the random
/// stream the board draws secrets from, continued across reboots so a passkey drawn after a factory reset is new.
/// </summary>
public sealed class SimulatedKeyStorage(int seed = 404)
{
    public SimulatedPasskeyFile PasskeyFile { get; } = new();

    public SimulatedBondStore Bonds { get; } = new();

    public IRandomSource Entropy { get; } = new SeededRandomSource(seed);
}

/// <summary>The passkey file on the internal flash drive.</summary>
public sealed class SimulatedPasskeyFile : IPasskeyStore
{
    public byte[]? Content { get; set; }

    public int Load(byte[] buffer)
    {
        if (Content == null || Content.Length > buffer.Length)
        {
            return 0;
        }

        Content.CopyTo(buffer, 0);
        return Content.Length;
    }

    public bool Save(byte[] record, int length)
    {
        Content = record[..length];
        return true;
    }

    public bool Erase()
    {
        Content = null;
        return true;
    }
}

/// <summary>Seeded bytes where the ESP32 takes its hardware generator (a run can be repeated exactly).</summary>
public sealed class SeededRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void NextBytes(byte[] buffer) => _random.NextBytes(buffer);
}

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

/// <summary>The board's current cell as the firmware's ADC sees it (a reboot may move the board to another cell object).</summary>
internal sealed class BatterySensor(SimulatedWearable board) : IBatterySensor
{
    public int ReadMillivolts() => board.Battery.ReadMillivolts();

    public bool Charging => board.Battery.Charging;
}

/// <summary>Button presses scheduled at simulated times, taken by the loop like the device's debounced GPIO queue.</summary>
public sealed class ScriptedButton(VirtualClock clock) : IButtonInput
{
    private readonly SortedList<long, ButtonPress> _presses = new();

    public void PressAt(double seconds, ButtonPress press) => _presses.Add((long)(seconds * 1_000_000), press);

    public ButtonPress TakePress()
    {
        // GetKeyAtIndex/GetValueAtIndex: the Keys/Values views allocate a wrapper on first use, inside a measured tick.
        if (_presses.Count == 0 || _presses.GetKeyAtIndex(0) > clock.NowMicroseconds)
        {
            return ButtonPress.None;
        }

        ButtonPress press = _presses.GetValueAtIndex(0);
        _presses.RemoveAt(0);
        return press;
    }
}


/// <summary>
/// The buzzer, vibration motor and status LED: remembers every signal they played (from, to, which) and the alarm
/// light shown, on the virtual clock.
/// </summary>
public sealed class RecordingAlarm(VirtualClock clock) : IAlarmSignalOutput
{
    private double _start;

    /// <summary>True while buzzer and motor play any signal.</summary>
    public bool Sounding => Signal != AlarmSignal.Off;

    /// <summary>What they play now.</summary>
    public AlarmSignal Signal { get; private set; }

    /// <summary>The priority the LED shows now.</summary>
    public AlarmPriority Light { get; private set; }

    /// <summary>Every signal that has stopped (or changed), in order.</summary>
    public List<(double StartSeconds, double StopSeconds, AlarmSignal Signal)> Episodes { get; } = new(256); // no growth inside measured ticks

    public void Show(AlarmSignal sound, AlarmPriority light)
    {
        Light = light;
        if (sound == Signal)
        {
            return;
        }

        double now = clock.NowMicroseconds / 1e6;
        if (Signal != AlarmSignal.Off)
        {
            Episodes.Add((_start, now, Signal));
        }

        Signal = sound;
        _start = now;
    }
}

/// <summary>
/// A copy of every alarm event the firmware raised, in order. The first <see cref="Preallocated"/> copies come from a
/// pool made up front, so logging allocates nothing inside the measured ticks of the allocation tests.
/// </summary>
public sealed class AlarmLog : IAlarmEventSink
{
    public const int Preallocated = 512;

    private readonly AlarmEvent[] _pool = Enumerable.Range(0, Preallocated).Select(_ => new AlarmEvent()).ToArray();

    public List<AlarmEvent> Events { get; } = new(Preallocated);

    public void OnAlarmEvent(AlarmEvent e)
    {
        AlarmEvent copy = Events.Count < Preallocated ? _pool[Events.Count] : new AlarmEvent();
        copy.Kind = e.Kind;
        copy.Condition = e.Condition;
        copy.Priority = e.Priority;
        copy.Value = e.Value;
        copy.Limit = e.Limit;
        copy.DurationSeconds = e.DurationSeconds;
        copy.Conditions = e.Conditions;
        copy.Latched = e.Latched;
        copy.AtMicroseconds = e.AtMicroseconds;
        Events.Add(copy);
    }

    /// <summary>Events of one condition and kind.</summary>
    public IEnumerable<AlarmEvent> Of(AlarmCondition condition, AlarmEventKind kind) => Events.Where(e => e.Condition == condition && e.Kind == kind);

    /// <summary>When the condition's first alarm of at least that priority began (start or escalation), in s; null if never.</summary>
    public double? FirstAt(AlarmCondition condition, AlarmPriority atLeast) =>
        Events.FirstOrDefault(x => x.Condition == condition && x.Priority >= atLeast && x.Kind is AlarmEventKind.Started or AlarmEventKind.Escalated) is { } first
            ? first.AtMicroseconds / 1e6
            : null;
}

/// <summary>The watchdog: records the longest gap between feeds (on the device a gap past the timeout reboots).</summary>
public sealed class RecordingWatchdog(VirtualClock clock) : IWatchdog
{
    private long _last = -1;

    public long Feeds { get; private set; }

    public long LongestGapMicroseconds { get; private set; }

    public void Feed()
    {
        long now = clock.NowMicroseconds;
        if (_last >= 0 && now - _last > LongestGapMicroseconds)
        {
            LongestGapMicroseconds = now - _last;
        }

        _last = now;
        Feeds++;
    }
}
