namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>
    /// The red/IR order plausibility check: on skin, IR returns more light per mA of drive than red, so a clone that
    /// delivers IR first shows the reverse. Sums on-skin samples until it has enough, then decides once.
    /// </summary>
    internal sealed class ChannelOrderCheck
    {
        // Samples needed with both channels above the on-skin level before deciding.
        private const int SamplesNeeded = 64;

        private readonly int _onSkinCounts;
        private ChannelOrder _order;
        private int _samples;
        private long _firstSum;
        private long _secondSum;

        /// <summary>A check that counts a sample as on skin when both channels reach <paramref name="onSkinCounts"/>.</summary>
        public ChannelOrderCheck(int onSkinCounts)
        {
            _onSkinCounts = onSkinCounts;
        }

        /// <summary>Unknown until decided, then the order the chip delivers.</summary>
        public ChannelOrder Order
        {
            get { return _order; }
        }

        /// <summary>Drops the samples summed so far (the light per mA changed); a decided order stays.</summary>
        public void DiscardEvidence()
        {
            _samples = 0;
            _firstSum = 0;
            _secondSum = 0;
        }

        /// <summary>
        /// Adds <paramref name="count"/> samples in the order the chip delivered them (first = the datasheet's red
        /// slot), driven at the given LED1/LED2 amplitudes, and returns <see cref="Order"/>.
        /// </summary>
        public ChannelOrder Add(int[] first, int[] second, int count, byte firstAmplitude, byte secondAmplitude)
        {
            for (int i = 0; i < count; i++)
            {
                int firstChannel = first[i];
                int secondChannel = second[i];
                if (firstChannel < _onSkinCounts || secondChannel < _onSkinCounts)
                {
                    DiscardEvidence();
                    continue;
                }

                _samples++;
                _firstSum += firstChannel;
                _secondSum += secondChannel;
            }

            if (_samples < SamplesNeeded)
            {
                return _order;
            }

            // Compare light per mA: first/firstCode against second/secondCode, cross-multiplied to stay in integers.
            long firstPerDrive = _firstSum * secondAmplitude;
            long secondPerDrive = _secondSum * firstAmplitude;
            _order = secondPerDrive >= firstPerDrive ? ChannelOrder.Datasheet : ChannelOrder.Swapped;
            return _order;
        }
    }
}
