namespace WearableFirmware.Power
{
    /// <summary>
    /// State of charge of a single-cell Li-ion/LiPo from its terminal voltage. The table is the typical rested
    /// discharge curve of a 3.7 V nominal LiPo cell at room temperature and a light (≤ C/5) load — replace it with the
    /// curve from the chosen cell's datasheet for a production build. Readings are averaged (ADC noise, radio
    /// current bursts) and the reported level only falls while discharging, so the phone never sees it bounce.
    /// </summary>
    public sealed class BatteryGauge
    {
        /// <summary>Below this level the device warns and sheds load.</summary>
        public const int LowPercent = 15;

        /// <summary>At or below this level the device stores its state and goes to deep sleep.</summary>
        public const int CriticalPercent = 3;

        // Millivolts at 100, 95, ..., 0 % (21 points, 5 % apart).
        private static readonly int[] CurveMillivolts =
        {
            4200, 4150, 4110, 4080, 4020, 3980, 3950, 3910, 3870, 3850,
            3840, 3820, 3800, 3790, 3770, 3750, 3730, 3710, 3690, 3610, 3270,
        };

        private const int AverageLength = 8;
        private readonly int[] _recent = new int[AverageLength];
        private int _recentCount;
        private int _recentIndex;
        private int _reported = -1;

        /// <summary>Last reported level in percent (0..100), or -1 before the first reading.</summary>
        public int LevelPercent
        {
            get { return _reported; }
        }

        /// <summary>Averaged terminal voltage in millivolts (0 before the first reading).</summary>
        public int AverageMillivolts { get; private set; }

        public bool IsLow
        {
            get { return _reported >= 0 && _reported <= LowPercent; }
        }

        public bool IsCritical
        {
            get { return _reported >= 0 && _reported <= CriticalPercent; }
        }

        /// <summary>Percent for a rested cell voltage, by linear interpolation in the table.</summary>
        public static int PercentFromMillivolts(int millivolts)
        {
            if (millivolts >= CurveMillivolts[0])
            {
                return 100;
            }

            int last = CurveMillivolts.Length - 1;
            if (millivolts <= CurveMillivolts[last])
            {
                return 0;
            }

            int i = 1;
            while (millivolts < CurveMillivolts[i])
            {
                i++;
            }

            // Between point i-1 (higher voltage) and i; each step is 5 %.
            int upper = CurveMillivolts[i - 1];
            int lower = CurveMillivolts[i];
            int percentAtLower = 100 - 5 * i;
            return percentAtLower + (5 * (millivolts - lower) + (upper - lower) / 2) / (upper - lower);
        }

        /// <summary>Adds one voltage reading; <paramref name="charging"/> lets the level rise again.</summary>
        public void AddReading(int millivolts, bool charging)
        {
            _recent[_recentIndex] = millivolts;
            _recentIndex = (_recentIndex + 1) % AverageLength;
            if (_recentCount < AverageLength)
            {
                _recentCount++;
            }

            int sum = 0;
            for (int i = 0; i < _recentCount; i++)
            {
                sum += _recent[i];
            }

            AverageMillivolts = sum / _recentCount;
            int level = PercentFromMillivolts(AverageMillivolts);
            if (_reported < 0 || charging || level < _reported)
            {
                _reported = level;
            }
        }
    }
}
