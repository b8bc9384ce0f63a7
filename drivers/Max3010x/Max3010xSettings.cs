using System;

namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>
    /// Typed MAX30102 configuration. <see cref="Validate"/> checks every value and the sample-rate × pulse-width
    /// combination against the datasheet tables (the chip silently clamps a rate that is too fast, so the driver
    /// refuses it instead). The register values the driver writes are exposed so they can be checked by hand.
    /// </summary>
    public sealed class Max3010xSettings
    {
        /// <summary>Highest LED drive: LEDx_PA = 0xFF is 51.0 mA (0.2 mA per LSB).</summary>
        public const float MaxLedCurrentMilliamps = 51.0f;

        /// <summary>Fewest unread samples that can raise A_FULL (FIFO_A_FULL = 0xF leaves 15 of 32 free).</summary>
        public const int MinAlmostFullUnreadSamples = 17;

        // Bit i set = pulse width i allowed, indexed by SPO2_SR. Datasheet Table 11 (SpO2) and Table 12 (HR);
        // cross-checked against an independent driver's table (M5Stack M5Unit-HEART).
        private static readonly byte[] SpO2ModeAllowedWidths = new byte[] { 0x0F, 0x0F, 0x0F, 0x0F, 0x07, 0x03, 0x01, 0x00 };
        private static readonly byte[] HeartRateModeAllowedWidths = new byte[] { 0x0F, 0x0F, 0x0F, 0x0F, 0x0F, 0x0F, 0x07, 0x01 };

        public Max3010xSettings()
        {
            Mode = LedMode.SpO2;
            SampleRate = SampleRate.Sps100;
            PulseWidth = PulseWidth.Us411Bits18;
            AdcRange = AdcRange.Nanoamps16384;
            RedLedCurrentMilliamps = 7.0f;
            IrLedCurrentMilliamps = 7.0f;
            Averaging = SampleAveraging.None;
            FifoRollover = true;
            AlmostFullUnreadSamples = MinAlmostFullUnreadSamples;
            MaxTransferAttempts = 3;
            FailuresBeforeReinit = 6;
            ResetTimeoutMicroseconds = 50000;
            ResetPollMicroseconds = 500;
            CorrectSwappedChannels = true;
        }

        public LedMode Mode { get; set; }

        public SampleRate SampleRate { get; set; }

        public PulseWidth PulseWidth { get; set; }

        public AdcRange AdcRange { get; set; }

        /// <summary>Red LED (LED1) drive in mA, 0 to 51.0; rounded to the nearest 0.2 mA step.</summary>
        public float RedLedCurrentMilliamps { get; set; }

        /// <summary>IR LED (LED2) drive in mA, 0 to 51.0; rounded to the nearest 0.2 mA step.</summary>
        public float IrLedCurrentMilliamps { get; set; }

        public SampleAveraging Averaging { get; set; }

        /// <summary>
        /// True: a full FIFO overwrites its oldest sample, so samples lost in an overflow precede the ones drained
        /// next. False: new samples are dropped while full, so the lost ones follow the drained ones.
        /// </summary>
        public bool FifoRollover { get; set; }

        /// <summary>Unread samples (17..32) at which A_FULL is raised; written as FIFO_A_FULL = 32 - value.</summary>
        public int AlmostFullUnreadSamples { get; set; }

        /// <summary>Also raise the INT pin for every new sample (PPG_RDY_EN); off by default to save wake-ups.</summary>
        public bool PpgReadyInterrupt { get; set; }

        /// <summary>Attempts per bus transfer before the call reports failure (1..10).</summary>
        public int MaxTransferAttempts { get; set; }

        /// <summary>Failed transfer attempts in a row after which the driver resets and reconfigures the chip.</summary>
        public int FailuresBeforeReinit { get; set; }

        /// <summary>How long start-up waits for the RESET bit to clear.</summary>
        public int ResetTimeoutMicroseconds { get; set; }

        /// <summary>Pause between RESET polls during <see cref="Max30102.Start"/>.</summary>
        public int ResetPollMicroseconds { get; set; }

        /// <summary>Swap red and IR when the start-up plausibility check finds them in clone-module order.</summary>
        public bool CorrectSwappedChannels { get; set; }

        /// <summary>Active LED channels per sample: 2 in SpO2 mode, 1 in heart-rate mode.</summary>
        public int Channels
        {
            get { return Mode == LedMode.SpO2 ? 2 : 1; }
        }

        /// <summary>ADC resolution in bits (15..18) set by the pulse width.</summary>
        public int ResolutionBits
        {
            get { return 15 + (int)PulseWidth; }
        }

        /// <summary>ADC conversions per second.</summary>
        public int SamplesPerSecond
        {
            get { return RateOf(SampleRate); }
        }

        /// <summary>Conversions averaged into one FIFO sample (1..32).</summary>
        public int AveragedConversions
        {
            get { return 1 << (int)Averaging; }
        }

        /// <summary>Time between FIFO samples in µs (sample rate divided by averaging), rounded down.</summary>
        public long OutputPeriodMicroseconds
        {
            get { return 1000000L * AveragedConversions / SamplesPerSecond; }
        }

        /// <summary>ADC full scale in nA (2048..16384).</summary>
        public int FullScaleNanoamps
        {
            get { return 2048 << (int)AdcRange; }
        }

        /// <summary>FIFO Configuration (0x08): SMP_AVE &lt;&lt; 5 | FIFO_ROLLOVER_EN &lt;&lt; 4 | FIFO_A_FULL.</summary>
        public byte FifoConfigurationValue
        {
            get { return (byte)(((int)Averaging << 5) | (FifoRollover ? 0x10 : 0) | ((32 - AlmostFullUnreadSamples) & 0x0F)); }
        }

        /// <summary>Mode Configuration (0x09): MODE[2:0], not shut down, no reset.</summary>
        public byte ModeConfigurationValue
        {
            get { return (byte)Mode; }
        }

        /// <summary>SpO2 Configuration (0x0A): SPO2_ADC_RGE &lt;&lt; 5 | SPO2_SR &lt;&lt; 2 | LED_PW.</summary>
        public byte SpO2ConfigurationValue
        {
            get { return (byte)(((int)AdcRange << 5) | ((int)SampleRate << 2) | (int)PulseWidth); }
        }

        /// <summary>LED1_PA (0x0C).</summary>
        public byte RedPulseAmplitudeValue
        {
            get { return LedCurrentCode(RedLedCurrentMilliamps); }
        }

        /// <summary>LED2_PA (0x0D); zero in heart-rate mode, where the IR LED is not used.</summary>
        public byte IrPulseAmplitudeValue
        {
            get { return Mode == LedMode.SpO2 ? LedCurrentCode(IrLedCurrentMilliamps) : (byte)0; }
        }

        /// <summary>Interrupt Enable 1 (0x02): A_FULL and ALC_OVF always (the driver relies on both), PPG_RDY on request.</summary>
        public byte InterruptEnable1Value
        {
            get { return (byte)(0x80 | 0x20 | (PpgReadyInterrupt ? 0x40 : 0)); }
        }

        /// <summary>Interrupt Enable 2 (0x03): DIE_TEMP_RDY_EN, so a finished temperature conversion shows in the status.</summary>
        public byte InterruptEnable2Value
        {
            get { return 0x02; }
        }

        /// <summary>LEDx_PA code for a drive current: 0.2 mA per LSB, nearest step; throws outside 0..51 mA.</summary>
        public static byte LedCurrentCode(float milliamps)
        {
            if (!(milliamps >= 0f && milliamps <= MaxLedCurrentMilliamps))
            {
                throw new ArgumentException(LedCurrentError(milliamps));
            }

            return (byte)(int)(milliamps * 5f + 0.5f);
        }

        /// <summary>Conversions per second for a SPO2_SR code.</summary>
        public static int RateOf(SampleRate rate)
        {
            switch (rate)
            {
                case SampleRate.Sps50: return 50;
                case SampleRate.Sps100: return 100;
                case SampleRate.Sps200: return 200;
                case SampleRate.Sps400: return 400;
                case SampleRate.Sps800: return 800;
                case SampleRate.Sps1000: return 1000;
                case SampleRate.Sps1600: return 1600;
                default: return 3200;
            }
        }

        /// <summary>Nominal pulse width in µs for a LED_PW code.</summary>
        public static int MicrosecondsOf(PulseWidth width)
        {
            switch (width)
            {
                case PulseWidth.Us69Bits15: return 69;
                case PulseWidth.Us118Bits16: return 118;
                case PulseWidth.Us215Bits17: return 215;
                default: return 411;
            }
        }

        /// <summary>True when the datasheet allows this rate with this pulse width in this mode.</summary>
        public static bool IsAllowed(LedMode mode, SampleRate rate, PulseWidth width)
        {
            byte[] table = mode == LedMode.SpO2 ? SpO2ModeAllowedWidths : HeartRateModeAllowedWidths;
            return (table[(int)rate & 0x07] & (1 << ((int)width & 0x03))) != 0;
        }

        /// <summary>Null when every setting is valid, otherwise a message naming the bad value and the limit.</summary>
        public string Validate()
        {
            if (Mode != LedMode.SpO2 && Mode != LedMode.HeartRate)
            {
                return "MAX30102 mode " + ((int)Mode).ToString() + " is not supported: use HeartRate (0x02) or SpO2 (0x03)";
            }

            if ((int)SampleRate < 0 || (int)SampleRate > 7)
            {
                return "MAX30102 sample rate code " + ((int)SampleRate).ToString() + " is outside SPO2_SR 0..7";
            }

            if ((int)PulseWidth < 0 || (int)PulseWidth > 3)
            {
                return "MAX30102 pulse width code " + ((int)PulseWidth).ToString() + " is outside LED_PW 0..3";
            }

            if ((int)AdcRange < 0 || (int)AdcRange > 3)
            {
                return "MAX30102 ADC range code " + ((int)AdcRange).ToString() + " is outside SPO2_ADC_RGE 0..3";
            }

            if ((int)Averaging < 0 || (int)Averaging > 5)
            {
                return "MAX30102 averaging code " + ((int)Averaging).ToString() + " is outside SMP_AVE 0..5 (1 to 32 samples)";
            }

            if (!IsAllowed(Mode, SampleRate, PulseWidth))
            {
                return RateWidthError();
            }

            if (!(RedLedCurrentMilliamps >= 0f && RedLedCurrentMilliamps <= MaxLedCurrentMilliamps))
            {
                return "red " + LedCurrentError(RedLedCurrentMilliamps);
            }

            if (Mode == LedMode.SpO2 && !(IrLedCurrentMilliamps >= 0f && IrLedCurrentMilliamps <= MaxLedCurrentMilliamps))
            {
                return "IR " + LedCurrentError(IrLedCurrentMilliamps);
            }

            if (AlmostFullUnreadSamples < MinAlmostFullUnreadSamples || AlmostFullUnreadSamples > 32)
            {
                return "MAX30102 almost-full threshold " + AlmostFullUnreadSamples.ToString()
                    + " unread samples is outside 17..32 (FIFO_A_FULL 0xF..0x0)";
            }

            if (MaxTransferAttempts < 1 || MaxTransferAttempts > 10)
            {
                return "MaxTransferAttempts " + MaxTransferAttempts.ToString() + " is outside 1..10";
            }

            if (FailuresBeforeReinit < 1)
            {
                return "FailuresBeforeReinit " + FailuresBeforeReinit.ToString() + " must be at least 1";
            }

            if (ResetTimeoutMicroseconds < 1000 || ResetPollMicroseconds < 1 || ResetPollMicroseconds > ResetTimeoutMicroseconds)
            {
                return "reset timeout " + ResetTimeoutMicroseconds.ToString() + " us must be at least 1000 us and the poll interval "
                    + ResetPollMicroseconds.ToString() + " us between 1 us and the timeout";
            }

            return null;
        }

        /// <summary>Throws <see cref="ArgumentException"/> with the <see cref="Validate"/> message when a setting is invalid.</summary>
        public void ThrowIfInvalid()
        {
            string error = Validate();
            if (error != null)
            {
                throw new ArgumentException(error);
            }
        }

        private string RateWidthError()
        {
            string modeName = Mode == LedMode.SpO2 ? "SpO2 mode (datasheet Table 11)" : "heart-rate mode (datasheet Table 12)";
            string message = "MAX30102: " + SamplesPerSecond.ToString() + " sps with " + MicrosecondsOf(PulseWidth).ToString()
                + " us pulses is not allowed in " + modeName + "; the chip would silently sample slower.";
            int fastest = -1;
            for (int code = 0; code <= 7; code++)
            {
                if (IsAllowed(Mode, (SampleRate)code, PulseWidth))
                {
                    fastest = RateOf((SampleRate)code);
                }
            }

            return message + " At " + MicrosecondsOf(PulseWidth).ToString() + " us the fastest allowed rate is "
                + fastest.ToString() + " sps.";
        }

        internal static string LedCurrentError(float milliamps)
        {
            return "LED current " + DecimalText.Fixed(milliamps, 1) + " mA is outside 0..51 mA (LEDx_PA, 0.2 mA per LSB)";
        }
    }
}
