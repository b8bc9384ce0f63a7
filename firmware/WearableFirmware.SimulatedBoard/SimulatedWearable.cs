using WearableFirmware.Application;
using WearableFirmware.Ble;
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
        SettingsFlash = settingsFlash ?? new SimulatedFlash(SettingsSegments, SettingsSegmentBytes, scenario.Seed + 303);
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

    /// <summary>Small segments for what is kept across restarts: alarm limits and alarm state (the device: four files on I:\settings).</summary>
    public SimulatedFlash SettingsFlash { get; }

    /// <summary>Settings segments, as on the device (<see cref="WearableApplication.SettingsFlashSegments"/>).</summary>
    public const int SettingsSegments = WearableApplication.SettingsFlashSegments;

    /// <summary>Bytes per settings segment, as on the device.</summary>
    public const int SettingsSegmentBytes = WearableApplication.SettingsFlashSegmentBytes;

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
    /// current, until the cut-off or a <see cref="Wake"/>. The loop runs every tick due before that time; the clock
    /// then stands at it (the device idles between ticks).
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
                if (Clock.NowMicroseconds < until)
                {
                    Clock.Advance(until - Clock.NowMicroseconds);
                }

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
