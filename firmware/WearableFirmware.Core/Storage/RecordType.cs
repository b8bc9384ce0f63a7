namespace WearableFirmware.Storage
{
    /// <summary>What a stored record holds. The value is stored on flash (3 bits): never renumber.</summary>
    public enum RecordType
    {
        /// <summary>A periodic SpO2 / pulse-rate reading (payload: <see cref="SpotCheckPayload"/>), reported through RACP.</summary>
        SpotCheck = 1,

        /// <summary>A detected fall (payload defined by the fall detector), delivered on the fall alert service.</summary>
        Fall = 2,

        /// <summary>An alarm (e.g. SpO2 below limit; payload defined by the alarm's owner).</summary>
        Alarm = 3,

        /// <summary>A device event (payload: <see cref="DeviceEventCode"/> byte + 32-bit argument).</summary>
        DeviceEvent = 4,

        /// <summary>Internal: written when the store reuses its oldest segment; carries the persistent drop count.</summary>
        Rotation = 5,
    }

    /// <summary>Device events worth keeping for later diagnosis. Stored on flash: never renumber.</summary>
    public enum DeviceEventCode
    {
        /// <summary>Firmware started (argument: reset cause if known, else 0).</summary>
        Boot = 1,

        /// <summary>Supply dropped below the brown-out threshold (argument: millivolts).</summary>
        BrownOut = 2,

        /// <summary>A sensor stopped answering or reported a fault (argument: which sensor / bus status).</summary>
        SensorFault = 3,

        /// <summary>The phone set the clock (argument: the step in seconds, 0 on first set).</summary>
        ClockSet = 4,

        /// <summary>The record store found corrupt records when it started (argument: how many).</summary>
        StoreRecovered = 5,

        /// <summary>A passkey pairing completed (argument: bonds stored afterwards).</summary>
        Paired = 6,

        /// <summary>A passkey pairing failed: wrong passkey, DHKey check, timeout (argument: failures of this passkey).</summary>
        PairingFailed = 7,

        /// <summary>The firmware kept the passkey from a pairing (argument: the <c>PairingDecision</c>).</summary>
        PairingRefused = 8,

        /// <summary>Deep sleep on a critical battery (argument: battery millivolts).</summary>
        DeepSleep = 9,
    }
}
