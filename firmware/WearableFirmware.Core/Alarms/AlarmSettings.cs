namespace WearableFirmware.Alarms
{
    /// <summary>
    /// The alarm limits and alarm-condition delays a bonded phone may change, with the bounds it may change them
    /// within, and the fixed timings of the technical conditions and the audio pause. One encoding (8 bytes, one
    /// unsigned byte per field in the order of the fields below) serves the Alarm Settings characteristic and the
    /// copy kept on flash.
    /// <para>
    /// A delay is the alarm-condition delay alone: the time out-of-limit readings must last before the alarm starts.
    /// The readings themselves lag the body by the estimators' averaging (SpO2 over 8 beats, pulse rate over 8
    /// intervals; see <see cref="SpO2AveragingSeconds"/>) and the once-a-second publication; the alarm README states
    /// the total.
    /// </para>
    /// </summary>
    public sealed class AlarmSettings
    {
        /// <summary>Bytes of the encoded settings.</summary>
        public const int EncodedLength = 8;

        public const int DefaultSpO2MediumPercent = 90;
        public const int DefaultSpO2HighPercent = 85;
        public const int DefaultSpO2DelaySeconds = 10;
        public const int DefaultPulseHighMediumBpm = 120;
        public const int DefaultPulseHighHighBpm = 140;
        public const int DefaultPulseLowMediumBpm = 50;
        public const int DefaultPulseLowHighBpm = 40;
        public const int DefaultPulseDelaySeconds = 10;

        // Safe bounds: a phone cannot move a limit where it would stop protecting the wearer, nor stretch a delay
        // past what hides a real desaturation. The high tier must stay more severe than the medium one.
        public const int MinSpO2MediumPercent = 85;
        public const int MaxSpO2MediumPercent = 95;
        public const int MinSpO2HighPercent = 80;
        public const int MaxSpO2HighPercent = 90;
        public const int MinPulseHighMediumBpm = 100;
        public const int MaxPulseHighMediumBpm = 180;
        public const int MinPulseHighHighBpm = 110;
        public const int MaxPulseHighHighBpm = 200;
        public const int MinPulseLowMediumBpm = 40;
        public const int MaxPulseLowMediumBpm = 70;
        public const int MinPulseLowHighBpm = 30;
        public const int MaxPulseLowHighBpm = 60;
        public const int MinDelaySeconds = 5;
        public const int MaxDelaySeconds = 30;

        /// <summary>
        /// Time the SpO2 estimator needs to follow a step: its 8-beat median-gated mean turns once 5 beats carry the
        /// new value (4.1 s at 75 bpm measured, 6 s at 50 bpm). Stated, not configurable.
        /// </summary>
        public const int SpO2AveragingSeconds = 6;

        /// <summary>The same for the pulse rate's 8-interval ring (90 → 60 bpm measured at 5.7 s).</summary>
        public const int PulseAveragingSeconds = 6;

        /// <summary>Readings are published, and judged, once a second.</summary>
        public const int PublicationSeconds = 1;

        /// <summary>SpO2 must come back to the medium limit plus this before the condition ends (no chattering).</summary>
        public const float SpO2HysteresisPercent = 1f;

        /// <summary>The same for the pulse rate, in bpm.</summary>
        public const float PulseHysteresisBpm = 2f;

        /// <summary>
        /// Readings missing for up to this long (motion, a disturbed beat) do not restart an alarm-condition delay
        /// that out-of-limit readings have begun; longer, the delay starts again with the next out-of-limit reading.
        /// </summary>
        public const int ReadingGapToleranceSeconds = 5;

        /// <summary>Skin contact lost this long after being worn, not charging: sensor off.</summary>
        public const int SensorOffDelaySeconds = 10;

        /// <summary>On the skin and still without an SpO2 reading this long: no signal.</summary>
        public const int NoSignalDelaySeconds = 30;

        /// <summary>
        /// Fall detection unavailable (the accelerometer failed, or degraded and not yet clean again) this long: the
        /// low sensor-fault alarm. A single transfer error or a re-initialisation clears within it.
        /// </summary>
        public const int FallDetectionUnavailableDelaySeconds = 10;

        /// <summary>No phone connected this long while an alarm needs one: link lost (reconnections take seconds).</summary>
        public const int LinkLostDelaySeconds = 10;

        /// <summary>
        /// Audio paused: a short press silences the physiological alarms sounding for this long (each press starts it
        /// again from the press). New and escalated conditions sound regardless.
        /// </summary>
        public const int AudioPauseSeconds = 120;

        public int SpO2MediumPercent = DefaultSpO2MediumPercent;
        public int SpO2HighPercent = DefaultSpO2HighPercent;
        public int SpO2DelaySeconds = DefaultSpO2DelaySeconds;
        public int PulseHighMediumBpm = DefaultPulseHighMediumBpm;
        public int PulseHighHighBpm = DefaultPulseHighHighBpm;
        public int PulseLowMediumBpm = DefaultPulseLowMediumBpm;
        public int PulseLowHighBpm = DefaultPulseLowHighBpm;
        public int PulseDelaySeconds = DefaultPulseDelaySeconds;

        /// <summary>True when every field lies within its bounds and each high tier is more severe than its medium tier.</summary>
        public bool IsWithinBounds()
        {
            return In(SpO2MediumPercent, MinSpO2MediumPercent, MaxSpO2MediumPercent)
                && In(SpO2HighPercent, MinSpO2HighPercent, MaxSpO2HighPercent) && SpO2HighPercent < SpO2MediumPercent
                && In(PulseHighMediumBpm, MinPulseHighMediumBpm, MaxPulseHighMediumBpm)
                && In(PulseHighHighBpm, MinPulseHighHighBpm, MaxPulseHighHighBpm) && PulseHighHighBpm > PulseHighMediumBpm
                && In(PulseLowMediumBpm, MinPulseLowMediumBpm, MaxPulseLowMediumBpm)
                && In(PulseLowHighBpm, MinPulseLowHighBpm, MaxPulseLowHighBpm) && PulseLowHighBpm < PulseLowMediumBpm
                && In(SpO2DelaySeconds, MinDelaySeconds, MaxDelaySeconds) && In(PulseDelaySeconds, MinDelaySeconds, MaxDelaySeconds);
        }

        /// <summary>Writes the 8-byte encoding at <paramref name="offset"/>; returns the offset after it.</summary>
        public int Write(byte[] buffer, int offset)
        {
            buffer[offset] = (byte)SpO2MediumPercent;
            buffer[offset + 1] = (byte)SpO2HighPercent;
            buffer[offset + 2] = (byte)SpO2DelaySeconds;
            buffer[offset + 3] = (byte)PulseHighMediumBpm;
            buffer[offset + 4] = (byte)PulseHighHighBpm;
            buffer[offset + 5] = (byte)PulseLowMediumBpm;
            buffer[offset + 6] = (byte)PulseLowHighBpm;
            buffer[offset + 7] = (byte)PulseDelaySeconds;
            return offset + EncodedLength;
        }

        /// <summary>Takes every field from the 8-byte encoding (no check: call <see cref="IsWithinBounds"/>).</summary>
        public void Read(byte[] data, int offset)
        {
            SpO2MediumPercent = data[offset];
            SpO2HighPercent = data[offset + 1];
            SpO2DelaySeconds = data[offset + 2];
            PulseHighMediumBpm = data[offset + 3];
            PulseHighHighBpm = data[offset + 4];
            PulseLowMediumBpm = data[offset + 5];
            PulseLowHighBpm = data[offset + 6];
            PulseDelaySeconds = data[offset + 7];
        }

        public void CopyFrom(AlarmSettings other)
        {
            SpO2MediumPercent = other.SpO2MediumPercent;
            SpO2HighPercent = other.SpO2HighPercent;
            SpO2DelaySeconds = other.SpO2DelaySeconds;
            PulseHighMediumBpm = other.PulseHighMediumBpm;
            PulseHighHighBpm = other.PulseHighHighBpm;
            PulseLowMediumBpm = other.PulseLowMediumBpm;
            PulseLowHighBpm = other.PulseLowHighBpm;
            PulseDelaySeconds = other.PulseDelaySeconds;
        }

        private static bool In(int value, int min, int max)
        {
            return value >= min && value <= max;
        }
    }
}
