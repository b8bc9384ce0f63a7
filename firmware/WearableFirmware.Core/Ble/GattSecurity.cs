namespace WearableFirmware.Ble
{
    /// <summary>
    /// What an attribute access requires of the link, and what a link provides (ordered: higher satisfies lower).
    /// </summary>
    public enum GattSecurity
    {
        /// <summary>No pairing needed (Device Information, Battery, feature bits, time of day).</summary>
        Open = 0,

        /// <summary>Encrypted link with a paired/bonded peer (LE Secure Connections, Just Works keys).</summary>
        Encrypted = 1,

        /// <summary>Encrypted with MITM-authenticated keys (passkey, numeric comparison or OOB).</summary>
        Authenticated = 2,
    }
}
