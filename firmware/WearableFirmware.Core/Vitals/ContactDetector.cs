namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Skin contact from the raw IR level: with nothing on the sensor little IR light comes back, with a finger or
    /// wrist on it the IR counts are a large part of full scale. Contact begins after the level stayed above the
    /// threshold for a debounce time and ends as soon as it stayed below it for a shorter time, so lifting the
    /// sensor stops readings quickly while a brief dip does not.
    /// </summary>
    public sealed class ContactDetector
    {
        private readonly int _thresholdCounts;
        private readonly int _onSamples;
        private readonly int _offSamples;
        private int _run;

        /// <param name="thresholdCounts">IR ADC counts above which skin is present.</param>
        /// <param name="onSamples">Consecutive samples above the threshold to declare contact.</param>
        /// <param name="offSamples">Consecutive samples below it to declare loss of contact.</param>
        public ContactDetector(int thresholdCounts, int onSamples, int offSamples)
        {
            _thresholdCounts = thresholdCounts;
            _onSamples = onSamples < 1 ? 1 : onSamples;
            _offSamples = offSamples < 1 ? 1 : offSamples;
        }

        public SensorContact State { get; private set; }

        /// <summary>Takes one raw IR sample and returns the contact state after it.</summary>
        public SensorContact Process(int ir)
        {
            bool above = ir >= _thresholdCounts;
            if (State == SensorContact.Contact)
            {
                _run = above ? 0 : _run + 1;
                if (_run >= _offSamples)
                {
                    State = SensorContact.NoContact;
                    _run = 0;
                }
            }
            else
            {
                if (above)
                {
                    _run++;
                    if (_run >= _onSamples)
                    {
                        State = SensorContact.Contact;
                        _run = 0;
                    }
                }
                else
                {
                    _run = 0;
                    State = SensorContact.NoContact;
                }
            }

            return State;
        }

        /// <summary>
        /// In contact, takes the IR samples from <paramref name="start"/> as <see cref="Process"/> would, until one ends
        /// contact (its index is returned) or up to <paramref name="end"/> (returned then): a loop tick's samples in one
        /// call, the run count in a local.
        /// </summary>
        public int KeepsContactUntil(int[] ir, int start, int end)
        {
            int threshold = _thresholdCounts;
            int offSamples = _offSamples;
            int run = _run;
            for (int i = start; i < end; i++)
            {
                if (ir[i] >= threshold)
                {
                    run = 0;
                }
                else
                {
                    run++;
                    if (run >= offSamples)
                    {
                        State = SensorContact.NoContact;
                        _run = 0;
                        return i;
                    }
                }
            }

            _run = run;
            return end;
        }

        public void Reset()
        {
            State = SensorContact.Unknown;
            _run = 0;
        }
    }
}
