namespace WearableFirmware.Storage
{
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
