using System;
using System.Device.Gpio;
using WearableFirmware.Application;
using WearableFirmware.Drivers;
using WearableFirmware.Input;

namespace WearableFirmware.Platform.Peripherals
{
    /// <summary>
    /// The user button (active low, internal pull-up) as the application's <see cref="IButtonInput"/>. The GPIO
    /// driver debounces in native code (<see cref="GpioPin.DebounceTimeout"/>); the edge handler, which nanoFramework
    /// runs on its event thread, reads the settled level itself rather than trusting the edge type (two bounces can
    /// merge into one event), timestamps it and hands it to the portable <see cref="ButtonClassifier"/> (short/long
    /// press, glitches, the pairing-mode hold, the queue). The loop thread takes presses with <see cref="TakePress"/>;
    /// one lock keeps the two threads apart. Nothing here allocates per press (nanoFramework's dispatcher allocates
    /// one event-args object per edge, outside our control).
    /// </summary>
    public sealed class ButtonInput : IButtonInput, IDisposable
    {
        /// <summary>Native debounce window: contact bounce of tactile switches settles within ~5-20 ms.</summary>
        public const int DebounceMilliseconds = 30;

        private readonly GpioPin _pin;
        private readonly IClock _clock;
        private readonly object _sync = new object();
        private readonly ButtonClassifier _classifier;

        /// <param name="gpio">The board's controller (shared with the other pins).</param>
        /// <param name="pin">GPIO of the button; wired to GND, so a press reads low.</param>
        public ButtonInput(GpioController gpio, int pin, IClock clock)
        {
            if (gpio == null)
            {
                throw new ArgumentNullException("gpio");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _clock = clock;
            _pin = gpio.OpenPin(pin, PinMode.InputPullUp);
            _pin.DebounceTimeout = TimeSpan.FromTicks(DebounceMilliseconds * TimeSpan.TicksPerMillisecond);

            // Down already while the application starts: the pairing-mode gesture (pressed just after reset, never
            // during it: GPIO 0 low at reset selects the ROM bootloader). The classifier never turns it into a press.
            _classifier = new ButtonClassifier(_pin.Read() == PinValue.Low, clock.NowMicroseconds);
            _pin.ValueChanged += OnValueChanged;
        }

        /// <summary>The button was down when this input was opened: open the pairing window.</summary>
        public bool HeldAtStart
        {
            get { return _classifier.HeldAtStart; }
        }

        /// <summary>How long the power-up hold has lasted without a release, or -1 (the factory-reset gesture at 10 s).</summary>
        public long StartHoldMicroseconds()
        {
            long now = _clock.NowMicroseconds;
            lock (_sync)
            {
                return _classifier.StartHoldMicroseconds(now);
            }
        }

        /// <summary>Presses lost because the loop did not take them, and presses ignored as glitches.</summary>
        public int Overflows
        {
            get
            {
                lock (_sync)
                {
                    return _classifier.Overflows;
                }
            }
        }

        public int Glitches
        {
            get
            {
                lock (_sync)
                {
                    return _classifier.Glitches;
                }
            }
        }

        /// <summary>Loop thread (IButtonInput): the oldest press not yet taken, or None.</summary>
        public ButtonPress TakePress()
        {
            long now = _clock.NowMicroseconds;
            lock (_sync)
            {
                return _classifier.Take(now);
            }
        }

        public void Dispose()
        {
            _pin.ValueChanged -= OnValueChanged;
            _pin.Dispose();
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            long now = _clock.NowMicroseconds;
            bool down = _pin.Read() == PinValue.Low;
            lock (_sync)
            {
                _classifier.OnLevel(down, now);
            }
        }
    }
}
