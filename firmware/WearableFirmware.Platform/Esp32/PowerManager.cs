using System;
using nanoFramework.Hardware.Esp32;
using WearableFirmware.Platform.Board;

namespace WearableFirmware.Platform.Esp32
{
    /// <summary>
    /// The power policy where the nanoFramework API reaches, and the boot's wake cause.
    /// <list type="bullet">
    /// <item>Light sleep: <see cref="Sleep.StartLightSleep"/> returns INVALID_STATE while Bluetooth runs, and the
    /// wearable keeps BLE up whenever it is worn (phones must find it, fall alerts must go out), so the managed code
    /// does not light-sleep in normal use. The CPU idles in the RTOS idle task between loop ticks instead; automatic
    /// light sleep with the BLE modem-sleep (ESP-IDF CONFIG_PM_ENABLE, tickless idle) is a firmware-image build
    /// option, not reachable from C#. <see cref="TryLightSleep"/> exists for the radio-off case and reports refusal.</item>
    /// <item>Deep sleep: on critical battery, after the caller has stored the state, silenced the outputs and put
    /// the sensors in shutdown. Wake sources: the button (ext0, level low) and ADXL345 INT2 (ext1, any high), so a
    /// press or a fall still wakes the board. Before sleeping the caller should leave only free fall mapped to INT2
    /// (activity at 2 g fires while walking and would wake the board over and over). ext0 keeps the RTC
    /// peripherals powered; the managed API cannot keep the internal pull-up on in deep sleep, so the button needs an
    /// external pull-up (the DevKit's BOOT button circuit has one).</item>
    /// <item>The wake cause of this boot is read once at start-up (<see cref="Sleep.GetWakeupCause"/>) for the boot
    /// record: Undefined means a power-on or reset (nanoFramework 1.x has no reset-reason API, so a watchdog
    /// reboot and a power-on look alike here; the software watchdog records its own stall before rebooting).</item>
    /// </list>
    /// </summary>
    public sealed class PowerManager
    {
        /// <summary>Bit set in <see cref="BootRecordArgument"/> when the button was one of the wake pins.</summary>
        public const int BootFlagButton = 0x100;

        /// <summary>Bit set in <see cref="BootRecordArgument"/> when ADXL345 INT2 was one of the wake pins.</summary>
        public const int BootFlagMotion = 0x200;

        private readonly BoardConfiguration _board;

        public PowerManager(BoardConfiguration board)
        {
            if (board == null)
            {
                throw new ArgumentNullException("board");
            }

            _board = board;
            WakeCause = Sleep.GetWakeupCause();
            WakePins = WakeCause == Sleep.WakeupCause.Ext0 || WakeCause == Sleep.WakeupCause.Ext1
                ? Sleep.GetWakeupGpioPin()
                : Sleep.WakeupGpioPin.None;

            // ext0 names no pin in the ESP-IDF status, only the cause; ext0 is always the button here.
            WokeByButton = WakeCause == Sleep.WakeupCause.Ext0 || (WakePins & PinMask(board.ButtonPin)) != 0;
            WokeByMotion = WakeCause == Sleep.WakeupCause.Ext1 && (WakePins & PinMask(board.MotionEventInterruptPin)) != 0;
        }

        /// <summary>Why this boot happened (Undefined = power-on or reset, Ext0 = button, Ext1 = motion interrupt).</summary>
        public Sleep.WakeupCause WakeCause { get; private set; }

        /// <summary>The ext1 pins that woke the board (None otherwise).</summary>
        public Sleep.WakeupGpioPin WakePins { get; private set; }

        public bool WokeByButton { get; private set; }

        public bool WokeByMotion { get; private set; }

        /// <summary>True when this boot ended a deep sleep (the battery was critical when it began).</summary>
        public bool WokeFromDeepSleep
        {
            get { return WakeCause != Sleep.WakeupCause.Undefined; }
        }

        /// <summary>
        /// Argument of the store's Boot device event: the wake cause number (low byte, as the ESP-IDF enum:
        /// 0 reset/power-on, 2 ext0, 3 ext1, 4 timer) plus <see cref="BootFlagButton"/> / <see cref="BootFlagMotion"/>.
        /// </summary>
        public int BootRecordArgument
        {
            get
            {
                int argument = (int)WakeCause & 0xFF;
                if (WokeByButton)
                {
                    argument |= BootFlagButton;
                }

                if (WokeByMotion)
                {
                    argument |= BootFlagMotion;
                }

                return argument;
            }
        }

        /// <summary>Light-sleep attempts refused (INVALID_STATE while the radio runs, or any other error).</summary>
        public int LightSleepRefusals { get; private set; }

        /// <summary>
        /// Arms the wake sources and enters deep sleep; never returns on success (the next boot starts from Main
        /// with <see cref="WakeCause"/> set). Returns the error when a wake source could not be armed — the caller
        /// must then stay awake rather than sleep with no way back.
        /// </summary>
        public EspNativeError EnterDeepSleep()
        {
            EspNativeError result = Sleep.EnableWakeupByPin(PinMask(_board.ButtonPin), 0);
            if (result != EspNativeError.OK)
            {
                return result;
            }

            result = Sleep.EnableWakeupByMultiPins(PinMask(_board.MotionEventInterruptPin), Sleep.WakeupMode.AnyHigh);
            if (result != EspNativeError.OK)
            {
                return result;
            }

            Sleep.StartDeepSleep();
            return EspNativeError.OK; // not reached: StartDeepSleep never returns
        }

        /// <summary>
        /// Light sleep for up to <paramref name="microseconds"/> (also woken by the button). Only useful with the
        /// radio stopped; with BLE running the ESP32 refuses (INVALID_STATE) and this returns that error at once.
        /// </summary>
        public EspNativeError TryLightSleep(long microseconds)
        {
            if (microseconds <= 0)
            {
                return EspNativeError.INVALID_ARG;
            }

            EspNativeError result = Sleep.EnableWakeupByTimer(TimeSpan.FromTicks(microseconds * 10));
            if (result == EspNativeError.OK)
            {
                result = Sleep.EnableWakeupByPin(PinMask(_board.ButtonPin), 0);
            }

            if (result == EspNativeError.OK)
            {
                result = Sleep.StartLightSleep();
            }

            if (result != EspNativeError.OK)
            {
                LightSleepRefusals++;
            }

            return result;
        }

        /// <summary>The wake-pin flag of a GPIO (the enum is a bit mask: bit n = GPIO n).</summary>
        private static Sleep.WakeupGpioPin PinMask(int gpio)
        {
            return (Sleep.WakeupGpioPin)((ulong)1 << gpio);
        }
    }
}
