namespace WearableFirmware.Ble
{
    /// <summary>
    /// Pairing policy. The wrist unit has no display and no keyboard, only a button and a buzzer, so it cannot
    /// show or take a passkey: IO capability NoInputNoOutput, LE Secure Connections only (legacy pairing refused),
    /// bonding on, which yields Just Works: encrypted links with unauthenticated keys, protected against
    /// eavesdropping (ECDH) but not against an active man-in-the-middle during pairing. Health data and every
    /// state-changing write therefore require <see cref="GattSecurity.Encrypted"/>, not Authenticated (no phone
    /// could ever meet that). A fixed passkey printed on the case was rejected: with Secure Connections a reused
    /// passkey leaks bit by bit to anyone watching one pairing, so it would claim MITM protection it does not give.
    /// The MITM window is instead narrowed by accepting new bonds only while pairing mode is open (button held
    /// at boot, <see cref="PairingWindowSeconds"/>).
    /// </summary>
    public static class BlePairingPolicy
    {
        public const bool Bonding = true;
        public const bool SecureConnectionsOnly = true;

        /// <summary>Security required for health data, control points and the clock.</summary>
        public const GattSecurity HealthDataSecurity = GattSecurity.Encrypted;

        /// <summary>How long pairing mode accepts a new bond.</summary>
        public const int PairingWindowSeconds = 120;

        /// <summary>Bonds kept (PLX Features reports Multiple Bonds): wearer's phone plus caregivers.</summary>
        public const int MaxBonds = 4;
    }
}
