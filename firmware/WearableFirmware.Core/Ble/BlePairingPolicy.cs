namespace WearableFirmware.Ble
{
    /// <summary>
    /// Pairing policy (detail and reasons: Ble/Security.md, hardware-notes/security.md). The wrist unit has no screen,
    /// so its "display" is the label: a per-device 6-digit passkey drawn at first boot (<see cref="PairingPasskey"/>),
    /// printed on the label and shown once on the console. IO capability DisplayOnly with MITM and LE Secure
    /// Connections makes a phone with a keyboard (every smartphone) run Passkey Entry: the user types the label's
    /// number and the keys come out authenticated. Health data and every write that changes the device need such an
    /// authenticated link; a Just Works bond gets Insufficient Authentication. New pairings are answered only inside
    /// the pairing window opened by the button at power-up, at most <see cref="MaxBonds"/> bonds are kept (a full
    /// table refuses new ones), failed attempts back off exponentially and a passkey that failed
    /// <see cref="PasskeyFailureLimit"/> times is retired until a factory reset draws a new one (<see cref="BondManager"/>).
    /// </summary>
    public static class BlePairingPolicy
    {
        /// <summary>SMP IO Capability DisplayOnly (Core Vol 3 Part H 3.5.1).</summary>
        public const byte IoCapabilityDisplayOnly = 0x00;

        public const bool Bonding = true;
        public const bool MitmRequired = true;
        public const bool SecureConnectionsOnly = true;

        /// <summary>Security required for health data, control points, the clock and alert control.</summary>
        public const GattSecurity HealthDataSecurity = GattSecurity.Authenticated;

        /// <summary>How long pairing mode accepts a new pairing after the power-up gesture.</summary>
        public const int PairingWindowSeconds = 120;

        /// <summary>
        /// Bonds kept: the wearer's phone and two caregivers. Equal to NimBLE's bond store on the stock ESP32 images
        /// (CONFIG_BT_NIMBLE_MAX_BONDS, default 3), so the stack's own eviction of the oldest bond never runs.
        /// </summary>
        public const int MaxBonds = 3;

        /// <summary>Failed passkey pairings in a row that are let through before the back-off starts.</summary>
        public const int FreeAttempts = 1;

        /// <summary>First waiting interval after a failure; it doubles with each further failure (Core Vol 3 Part H 2.3.6).</summary>
        public const int BackOffFirstSeconds = 10;

        /// <summary>The longest waiting interval.</summary>
        public const int BackOffMaxSeconds = 600;

        /// <summary>
        /// Failed passkey pairings (kept in flash across reboots) after which the passkey is retired: each failed
        /// attempt can reveal one of its 20 bits to an attacker who runs the protocol, so at most 10 are given away.
        /// </summary>
        public const int PasskeyFailureLimit = 10;

        /// <summary>Holding the button this long from power-up is the factory-reset gesture.</summary>
        public const int FactoryResetHoldSeconds = 10;
    }
}
