using WearableFirmware.Application;

namespace WearableFirmware.Input
{
    /// <summary>
    /// Turns debounced button levels into presses: released within 3 s = short (cancel the alarm), held for 3 s =
    /// long (manual emergency), reported as soon as the 3 s are reached so the wearer gets feedback while holding.
    /// Presses shorter than 50 ms are glitches (ESD, a knock on the case). A hold that began before start-up is the
    /// pairing-mode gesture and never becomes a press. Presses wait in a ring of 8; when it is full the oldest goes
    /// (counted). Not thread-safe: the device adapter calls it under its lock from the GPIO event thread and the
    /// loop thread. No allocation.
    /// </summary>
    public sealed class ButtonClassifier
    {
        public const long LongPressMicroseconds = 3000000;
        public const long MinimumPressMicroseconds = 50000;
        public const int QueueCapacity = 8;

        private readonly int[] _presses = new int[QueueCapacity];
        private int _head;
        private int _count;
        private long _pressedAt;
        private bool _holdReported;
        private bool _startHoldEnded;

        /// <param name="pressedAtStart">Level read when the input was opened.</param>
        public ButtonClassifier(bool pressedAtStart, long nowMicroseconds)
        {
            IsPressed = pressedAtStart;
            HeldAtStart = pressedAtStart;
            _startHoldEnded = !pressedAtStart;
            _pressedAt = nowMicroseconds;
            _holdReported = pressedAtStart;
        }

        /// <summary>The button was down when the input was opened (the pairing-mode gesture).</summary>
        public bool HeldAtStart { get; private set; }

        public bool IsPressed { get; private set; }

        /// <summary>Presses dropped because the queue was full.</summary>
        public int Overflows { get; private set; }

        /// <summary>Presses shorter than <see cref="MinimumPressMicroseconds"/>, ignored.</summary>
        public int Glitches { get; private set; }

        /// <summary>A debounced level change (repeats of the current level are ignored).</summary>
        public void OnLevel(bool pressed, long nowMicroseconds)
        {
            if (pressed == IsPressed)
            {
                return;
            }

            IsPressed = pressed;
            if (!pressed)
            {
                _startHoldEnded = true;
            }

            if (pressed)
            {
                _pressedAt = nowMicroseconds;
                _holdReported = false;
                return;
            }

            if (_holdReported)
            {
                return;
            }

            long held = nowMicroseconds - _pressedAt;
            if (held >= LongPressMicroseconds)
            {
                // Nobody looked during the hold: it still counts as a long press.
                Enqueue(ButtonPress.Long);
            }
            else if (held >= MinimumPressMicroseconds)
            {
                Enqueue(ButtonPress.Short);
            }
            else
            {
                Glitches++;
            }
        }

        /// <summary>
        /// How long the hold that began before start-up has lasted without a release, or -1 once it ended (or there
        /// was none): the pairing gesture, and at <see cref="WearableFirmware.Ble.BlePairingPolicy.FactoryResetHoldSeconds"/> the factory reset.
        /// </summary>
        public long StartHoldMicroseconds(long nowMicroseconds)
        {
            return _startHoldEnded ? -1 : nowMicroseconds - _pressedAt;
        }

        /// <summary>The oldest press not yet taken, or None; first queues a long press whose 3 s are up.</summary>
        public ButtonPress Take(long nowMicroseconds)
        {
            if (IsPressed && !_holdReported && nowMicroseconds - _pressedAt >= LongPressMicroseconds)
            {
                _holdReported = true;
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
