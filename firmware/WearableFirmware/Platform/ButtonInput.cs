using System;
using System.Device.Gpio;
using WearableFirmware.Application;
using WearableFirmware.Drivers;

namespace WearableFirmware.Platform
{
    /// <summary>
    /// The user button (active low, internal pull-up). The GPIO driver debounces in native code
    /// (<see cref="GpioPin.DebounceTimeout"/>); the edge handler, which nanoFramework runs on its event thread, reads
    /// the settled level itself rather than trusting the edge type (two bounces can merge into one event) and
    /// timestamps the change. A press shorter than <see cref="MinimumPressMilliseconds"/> is ignored as noise.
    /// Presses go into a small lock-protected ring that the loop thread empties with <see cref="TakePress"/>
    /// (<see cref="IButtonInput"/>); a long press is queued as soon as the hold reaches 3 s (checked on every
    /// <see cref="TakePress"/>), so the wearer gets feedback without letting go. This class allocates nothing per
    /// press (nanoFramework's event dispatcher allocates one event-args object per edge, outside our control).
    /// </summary>
    public sealed class ButtonInput : IButtonInput, IDisposable
    {
        public const int LongPressMilliseconds = 3000;

        /// <summary>Native debounce window: contact bounce of tactile switches settles within ~5-20 ms.</summary>
        public const int DebounceMilliseconds = 30;

        /// <summary>Shorter presses are treated as glitches (ESD, a knock on the case).</summary>
        public const int MinimumPressMilliseconds = 50;

        /// <summary>Presses held for the loop; a loop that is seconds late still sees 8 of them.</summary>
        public const int QueueCapacity = 8;

        private readonly GpioPin _pin;
        private readonly IClock _clock;
        private readonly object _sync = new object();
        private readonly int[] _presses = new int[QueueCapacity];
        private int _head;
        private int _count;

        private bool _pressed;
        private long _pressedAt;
        private bool _longReported;

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

            // A button already down while the application starts is the pairing-mode gesture (pressed just after
            // reset, never during it: GPIO 0 low at reset selects the ROM bootloader). It must not also become a
            // press: that hold is marked as already reported, so neither its length nor its release counts.
            _pressed = _pin.Read() == PinValue.Low;
            _pressedAt = clock.NowMicroseconds;
            _longReported = _pressed;
            HeldAtStart = _pressed;
            _pin.ValueChanged += OnValueChanged;
        }

        /// <summary>True when the button was already pressed when this object was created.</summary>
        public bool HeldAtStart { get; private set; }

        /// <summary>Debounced state as last reported by the driver.</summary>
        public bool IsPressed
        {
            get
            {
                lock (_sync)
                {
                    return _pressed;
                }
            }
        }

        /// <summary>Presses lost because the loop did not take them (the oldest is dropped).</summary>
        public int Overflows { get; private set; }

        /// <summary>Presses ignored as shorter than <see cref="MinimumPressMilliseconds"/>.</summary>
        public int Glitches { get; private set; }

        /// <summary>Loop thread (IButtonInput): the oldest queued press, or None.</summary>
        public ButtonPress TakePress()
        {
            long now = _clock.NowMicroseconds;
            lock (_sync)
            {
                if (_pressed && !_longReported && now - _pressedAt >= LongPressMilliseconds * 1000L)
                {
                    _longReported = true;
                    Enqueue(ButtonPress.Long);
                }

                if (_count == 0)
                {
                    return ButtonPress.None;
                }

                ButtonPress press = (ButtonPress)_presses[_head];
                _head = (_head + 1) % QueueCapacity;
                _count--;
                return press;
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
                if (down == _pressed)
                {
                    return; // bounce that settled back where it was
                }

                _pressed = down;
                if (down)
                {
                    _pressedAt = now;
                    _longReported = false;
                    return;
                }

                long held = now - _pressedAt;
                if (_longReported)
                {
                    return; // release after a long press that was already reported
                }

                if (held >= LongPressMilliseconds * 1000L)
                {
                    // The loop did not look during the hold: it still counts as a long press.
                    _longReported = true;
                    Enqueue(ButtonPress.Long);
                }
                else if (held >= MinimumPressMilliseconds * 1000L)
                {
                    Enqueue(ButtonPress.Short);
                }
                else
                {
                    Glitches++;
                }
            }
        }

        // Caller holds _sync.
        private void Enqueue(ButtonPress press)
        {
            if (_count == QueueCapacity)
            {
                _head = (_head + 1) % QueueCapacity;
                _count--;
                Overflows++;
            }

            _presses[(_head + _count) % QueueCapacity] = (int)press;
            _count++;
        }
    }
}
