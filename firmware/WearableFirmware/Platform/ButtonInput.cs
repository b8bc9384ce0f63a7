using System;
using System.Device.Gpio;
using WearableFirmware.Drivers;

namespace WearableFirmware.Platform
{
    /// <summary>What the wearer did with the button.</summary>
    public enum ButtonGesture
    {
        None = 0,

        /// <summary>Pressed and released within <see cref="ButtonInput.LongPressMilliseconds"/>: cancel the alarm.</summary>
        ShortPress = 1,

        /// <summary>Held for <see cref="ButtonInput.LongPressMilliseconds"/>: manual emergency (reported while still held).</summary>
        LongPress = 2,
    }

    /// <summary>
    /// The user button (active low, internal pull-up). The GPIO driver debounces in native code
    /// (<see cref="GpioPin.DebounceTimeout"/>); the edge handler, which nanoFramework runs on its event thread, reads
    /// the settled level itself rather than trusting the edge type (two bounces can merge into one event) and
    /// timestamps the change. A press shorter than <see cref="MinimumPressMilliseconds"/> is ignored as noise.
    /// Gestures go into a small lock-protected ring that the loop thread empties with <see cref="TryTake"/>; a long
    /// press is reported by <see cref="Poll"/> as soon as the hold reaches 3 s, so the wearer gets feedback without
    /// letting go. This class allocates nothing per press (nanoFramework itself allocates one event-args object per
    /// edge in its dispatcher; that is outside our control and a few per press).
    /// </summary>
    public sealed class ButtonInput : IDisposable
    {
        public const int LongPressMilliseconds = 3000;

        /// <summary>Native debounce window: contact bounce of tactile switches settles within ~5-20 ms.</summary>
        public const int DebounceMilliseconds = 30;

        /// <summary>Shorter presses are treated as glitches (ESD, a knock on the case).</summary>
        public const int MinimumPressMilliseconds = 50;

        /// <summary>Gestures held for the loop; a loop that is seconds late still sees 8 presses.</summary>
        public const int QueueCapacity = 8;

        private readonly GpioPin _pin;
        private readonly IClock _clock;
        private readonly object _sync = new object();
        private readonly int[] _gestures = new int[QueueCapacity];
        private readonly long[] _times = new long[QueueCapacity];
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

            // A button already down at start-up (held through reset: the pairing-mode gesture) counts from now.
            _pressed = _pin.Read() == PinValue.Low;
            _pressedAt = clock.NowMicroseconds;
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

        /// <summary>Gestures lost because the loop did not take them (the oldest is dropped).</summary>
        public int Overflows { get; private set; }

        /// <summary>Presses ignored as shorter than <see cref="MinimumPressMilliseconds"/>.</summary>
        public int Glitches { get; private set; }

        /// <summary>Loop thread: reports a long press once the hold reaches 3 s.</summary>
        public void Poll(long nowMicroseconds)
        {
            lock (_sync)
            {
                if (_pressed && !_longReported && nowMicroseconds - _pressedAt >= LongPressMilliseconds * 1000L)
                {
                    _longReported = true;
                    Enqueue(ButtonGesture.LongPress, nowMicroseconds);
                }
            }
        }

        /// <summary>Loop thread: the oldest queued gesture, or None. <paramref name="atMicroseconds"/> is when it was recognised.</summary>
        public ButtonGesture TryTake(out long atMicroseconds)
        {
            lock (_sync)
            {
                if (_count == 0)
                {
                    atMicroseconds = 0;
                    return ButtonGesture.None;
                }

                ButtonGesture gesture = (ButtonGesture)_gestures[_head];
                atMicroseconds = _times[_head];
                _head = (_head + 1) % QueueCapacity;
                _count--;
                return gesture;
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
                    // Poll was late: the hold still counts as a long press.
                    _longReported = true;
                    Enqueue(ButtonGesture.LongPress, now);
                }
                else if (held >= MinimumPressMilliseconds * 1000L)
                {
                    Enqueue(ButtonGesture.ShortPress, now);
                }
                else
                {
                    Glitches++;
                }
            }
        }

        // Caller holds _sync.
        private void Enqueue(ButtonGesture gesture, long at)
        {
            if (_count == QueueCapacity)
            {
                _head = (_head + 1) % QueueCapacity;
                _count--;
                Overflows++;
            }

            int tail = (_head + _count) % QueueCapacity;
            _gestures[tail] = (int)gesture;
            _times[tail] = at;
            _count++;
        }
    }
}
