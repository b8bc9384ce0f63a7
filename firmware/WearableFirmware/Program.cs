using System.Device.Gpio;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using System;
using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.Platform.Board;
using WearableFirmware.Platform.Ble;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Platform.Esp32;
using WearableFirmware.Platform.Peripherals;
using WearableFirmware.Platform.Watchdog;
using WearableFirmware.Platform.Storage;
using WearableFirmware.Storage;

namespace WearableFirmware.Platform.App
{
    /// <summary>
    /// The ESP32 application: wires the portable firmware (<see cref="WearableApplication"/>) to the board through the
    /// platform adapters, runs the sampling loop on its own highest-priority thread, and supervises power from the
    /// main thread. Nothing here decides anything about health data.
    /// </summary>
    public static class Program
    {
        /// <summary>The loop feeds the watchdog every tick (100 ms); 3 s without a feed means it is stuck.</summary>
        private const int WatchdogTimeoutMilliseconds = 3000;

        /// <summary>Where what is kept across restarts lives: the alarm limits and the alarms' state, a file per segment.</summary>
        private const string SettingsDirectory = "I:\\settings";

        private static WearableApplication _app;

        public static void Main()
        {
            BoardConfiguration board = BoardConfiguration.DevKitV1();
            Configuration.SetPinFunction(board.I2cDataPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(board.I2cClockPin, DeviceFunction.I2C1_CLOCK);

            Esp32Clock clock = new Esp32Clock();
            PowerManager power = new PowerManager(board);
            GpioController gpio = new GpioController();
            AlarmOutputs alarm = new AlarmOutputs(gpio, board);
            ButtonInput button = new ButtonInput(gpio, board.ButtonPin, clock);
            BatteryMonitor battery = new BatteryMonitor(board);
            SoftwareWatchdog watchdog = new SoftwareWatchdog(clock, WatchdogTimeoutMilliseconds);
            watchdog.Stalled += ResetMarker.MarkWatchdogReboot;
            FlashFileStorage flash = new FlashFileStorage(FlashFileStorage.DefaultDirectory, 16, 8192);
            FlashFileStorage settingsFlash = new FlashFileStorage(SettingsDirectory, WearableApplication.SettingsFlashSegments,
                WearableApplication.SettingsFlashSegmentBytes);

            _app = new WearableApplication(
                clock,
                new I2cRegisterBus(board.I2cBusId, Max30102.DefaultAddress),
                new I2cRegisterBus(board.I2cBusId, Adxl345.DefaultAddress),
                flash,
                settingsFlash,
                watchdog,
                alarm,
                button,
                battery,
                DeviceIdentity.LoadOrCreate(),
                new ApplicationSettings());

            // Sensors start with their self-checks; a missing one is reported over BLE and the rest keeps working.
            bool sensorsOk = _app.Start(power.BootRecordArgument | ResetMarker.TakeBootFlags());
            alarm.SetLed(sensorsOk ? StatusLedMode.Advertising : StatusLedMode.Fault);

            BondManager pairing = new BondManager(new PasskeyFile(), new HardwareRandom(), new StackBondStore());
            BluetoothProfileAdapter bluetooth = new BluetoothProfileAdapter(_app, pairing, clock);
            bluetooth.Start(FirmwareIdentity.Model);
            if (pairing.PasskeyCreated)
            {
                // Shown once, at the boot that drew it (provisioning, or the first boot after a factory reset): the
                // label is printed from this line; later boots never show it again.
                Console.WriteLine("Pairing passkey for the label: " + PairingPasskey.Format(pairing.Passkey));
            }

            bool pairingMode = button.HeldAtStart;
            if (pairingMode)
            {
                lock (_app.SyncRoot)
                {
                    bluetooth.OpenPairingWindow();
                }

                alarm.SetLed(StatusLedMode.Pairing);
            }

            Thread loop = new Thread(RunLoop);
            loop.Priority = ThreadPriority.Highest;
            loop.Start();
            watchdog.Start();

            while (true)
            {
                Thread.Sleep(1000);
                bool windowOpen;
                lock (_app.SyncRoot)
                {
                    windowOpen = bluetooth.Tick();
                }

                if (pairingMode && !windowOpen)
                {
                    // The LED must stop showing the pairing pattern once new pairings are refused again.
                    alarm.SetLed(sensorsOk ? StatusLedMode.Advertising : StatusLedMode.Fault);
                    pairingMode = false;
                }

                if (button.StartHoldMicroseconds() >= (long)BlePairingPolicy.FactoryResetHoldSeconds * 1000000)
                {
                    // Factory reset: records, bonds and passkey go (FactoryReset says what stays); the reboot draws a
                    // new passkey and prints it once for the new label.
                    _app.Loop.Stop();
                    loop.Join(1000);
                    lock (_app.SyncRoot)
                    {
                        FactoryReset.Run(flash, settingsFlash, pairing);
                    }

                    nanoFramework.Runtime.Native.Power.RebootDevice();
                }

                bool sleep;
                lock (_app.SyncRoot)
                {
                    sleep = _app.DeepSleepDue(battery.Charging);
                    if (sleep)
                    {
                        _app.PrepareForDeepSleep();
                    }
                }

                if (sleep)
                {
                    // Critical battery: sampling stopped, the reason recorded; the button and the accelerometer's
                    // free-fall line stay as wake sources.
                    loop.Join(1000);
                    alarm.AllOff();
                    power.EnterDeepSleep();
                }
            }
        }

        private static void RunLoop()
        {
            // Exceptions inside a stage are caught and counted by the loop; the watchdog covers everything else.
            _app.Run(long.MaxValue);
        }
    }
}
