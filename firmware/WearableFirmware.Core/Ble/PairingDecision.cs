namespace WearableFirmware.Ble
{
    /// <summary>What the firmware answers when the stack asks it for the passkey of a new pairing.</summary>
    public enum PairingDecision
    {
        /// <summary>Give the stack the passkey: the pairing goes on.</summary>
        ShowPasskey = 0,

        /// <summary>No pairing window open (the button gesture at power-up opens one).</summary>
        WindowClosed = 1,

        /// <summary><see cref="BlePairingPolicy.MaxBonds"/> bonds are stored already.</summary>
        BondTableFull = 2,

        /// <summary>A recent failure's waiting interval has not passed.</summary>
        BackingOff = 3,

        /// <summary>The passkey failed <see cref="BlePairingPolicy.PasskeyFailureLimit"/> times; a factory reset draws a new one.</summary>
        PasskeyRetired = 4,
    }
}
