namespace WearableFirmware.Power
{
    /// <summary>
    /// Infers "a charger is connected" from battery voltage readings alone, for boards without a charger-status line
    /// (the reference build does not wire the TP4056's CHRG output). Under the device's steady load a LiPo's terminal
    /// voltage only falls; a charger lifts it by more than <see cref="RiseMillivolts"/> within minutes, and pulling
    /// the charger drops it at once by about <see cref="DropMillivolts"/> below the peak. Charging starts at such a
    /// rise above the lowest reading and ends at such a drop below the highest; between the two the gauge may rise.
    /// A board with a status line should use it instead: this is a heuristic and lags by a reading or two.
    /// </summary>
    public sealed class ChargeDetector
    {
        public const int RiseMillivolts = 150;
        public const int DropMillivolts = 100;

        private int _lowest = int.MaxValue;
        private int _peak;

        public bool Charging { get; private set; }

        /// <summary>Takes one reading (millivolts, averaged over a burst); returns <see cref="Charging"/> after it.</summary>
        public bool AddReading(int millivolts)
        {
            if (!Charging)
            {
                if (millivolts < _lowest)
                {
                    _lowest = millivolts;
                }

                if (millivolts >= _lowest + RiseMillivolts)
                {
                    Charging = true;
                    _peak = millivolts;
                }

                return Charging;
            }

            if (millivolts > _peak)
            {
                _peak = millivolts;
            }

            if (millivolts <= _peak - DropMillivolts)
            {
                // Charger gone, or charge terminated and the load draws the cell down: track the minimum from here.
                Charging = false;
                _lowest = millivolts;
            }

            return Charging;
        }
    }
}
