using System;

namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>What happened during one <see cref="Max30102.Drain"/>; several can be set at once.</summary>
    [Flags]
    public enum DrainFlags
    {
        None = 0,

        /// <summary>Samples were lost (see <see cref="Max30102.SamplesLostThisDrain"/>); the stream has a gap.</summary>
        SamplesLost = 0x01,

        /// <summary>The lost count is an estimate from elapsed time (overflow counter saturated, or the chip was reset).</summary>
        LossEstimated = 0x02,

        /// <summary>ALC_OVF: ambient light exceeded the cancellation range; this drain's samples are unreliable.</summary>
        AmbientLightOverflow = 0x04,

        /// <summary>PWR_RDY: the chip went through a power-on reset or brown-out and lost its configuration.</summary>
        PowerOnReset = 0x08,

        /// <summary>The chip's configuration no longer matched the settings (checked on every drain).</summary>
        ConfigurationLost = 0x10,

        /// <summary>The driver finished resetting and reconfiguring the chip during this drain.</summary>
        Reinitialised = 0x20,

        /// <summary>A transfer failed after every retry; no samples were taken this time.</summary>
        BusError = 0x40,

        /// <summary>The driver is (re)initialising the chip; no samples this time.</summary>
        NotRunning = 0x80,

        /// <summary>A die temperature conversion finished; <see cref="Max30102.DieTemperatureCelsius"/> is new.</summary>
        DieTemperatureReady = 0x100,

        /// <summary>The red/IR order check decided the channels arrive swapped and, from this drain on, corrects them.</summary>
        ChannelOrderCorrected = 0x200,

        /// <summary>
        /// The LED currents were changed (<see cref="Max30102.SetLedCurrents"/>) since the last drain: this drain's
        /// samples straddle the change, so their DC level steps.
        /// </summary>
        LedCurrentsChanged = 0x400,
    }
}
