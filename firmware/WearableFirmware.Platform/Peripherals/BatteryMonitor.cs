using System;
using System.Device.Adc;
using WearableFirmware.Application;
using WearableFirmware.Platform.Board;
using WearableFirmware.Power;

namespace WearableFirmware.Platform.Peripherals
{
    /// <summary>
    /// Battery voltage from the divider tap on an ESP32 ADC1 channel: the application's <see cref="IBatterySensor"/>
    /// (its BatteryPublisher feeds the portable gauge once a minute).
    /// ADC1 because ADC2 is unusable while the radio runs. Each reading averages a short burst of conversions (the
    /// ESP32 ADC is noisy by tens of counts); the gauge then averages readings over time. nanoFramework gives raw
    /// counts only (no eFuse two-point calibration through the managed API), so the full-scale voltage in
    /// <see cref="BoardConfiguration.AdcFullScaleVolts"/> is the one calibration knob: measure VBAT with a meter once
    /// per board type and adjust it. Allocation-free after construction.
    /// </summary>
    public sealed class BatteryMonitor : IBatterySensor, IDisposable
    {
        /// <summary>Conversions averaged per reading.</summary>
        public const int ConversionsPerReading = 16;

        private readonly AdcController _controller;
        private readonly AdcChannel _channel;
        private readonly int _maxCount;

        // millivolts = counts × _numerator / _denominator (integer math, no per-reading float rounding drift).
        private readonly long _numerator;
        private readonly long _denominator;

        // No charger-status line on the reference build: charging is inferred from the voltage.
        private readonly ChargeDetector _charge = new ChargeDetector();

        public BatteryMonitor(BoardConfiguration board)
        {
            if (board == null)
            {
                throw new ArgumentNullException("board");
            }

            if (board.BatteryDividerRatio < 1f || board.AdcFullScaleVolts <= 0f)
            {
                throw new ArgumentOutOfRangeException("board", "divider ratio must be >= 1 and ADC full scale > 0 V");
            }

            _controller = new AdcController();
            _channel = _controller.OpenChannel(board.BatteryAdcChannel);
            _maxCount = _controller.MaxValue;
            if (_maxCount <= 0)
            {
                throw new InvalidOperationException("ADC reports no range");
            }

            // Scale to microvolts in the numerator so the integer division keeps sub-millivolt precision.
            _numerator = (long)(board.AdcFullScaleVolts * board.BatteryDividerRatio * 1000000f);
            _denominator = (long)_maxCount * 1000;
        }

        /// <summary>Millivolts of the last reading (0 before the first).</summary>
        public int LastMillivolts { get; private set; }

        /// <summary>Raw averaged ADC counts of the last reading (for calibration on the bench).</summary>
        public int LastCounts { get; private set; }

        /// <summary>IBatterySensor: charger connected, as <see cref="ChargeDetector"/> infers it from the readings.</summary>
        public bool Charging
        {
            get { return _charge.Charging; }
        }

        /// <summary>
        /// IBatterySensor: averages a burst of conversions and returns battery millivolts. Called once a minute from
        /// the loop thread (ideally when the radio is idle: its current bursts sag the cell).
        /// </summary>
        public int ReadMillivolts()
        {
            int sum = 0;
            for (int i = 0; i < ConversionsPerReading; i++)
            {
                sum += _channel.ReadValue();
            }

            int counts = (sum + ConversionsPerReading / 2) / ConversionsPerReading;
            LastCounts = counts;
            LastMillivolts = CountsToMillivolts(counts);
            _charge.AddReading(LastMillivolts);
            return LastMillivolts;
        }

        /// <summary>Battery millivolts for averaged ADC counts with this board's divider and full scale.</summary>
        public int CountsToMillivolts(int counts)
        {
            if (counts < 0)
            {
                counts = 0;
            }

            if (counts > _maxCount)
            {
                counts = _maxCount;
            }

            return (int)((counts * _numerator + _denominator / 2) / _denominator);
        }

        public void Dispose()
        {
            _channel.Dispose();
        }
    }
}
