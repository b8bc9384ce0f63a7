using WearableFirmware.Storage;

namespace WearableFirmware.Ble
{
    /// <summary>
    /// The firmware's side of pairing and bonding, the same object on the ESP32 (BluetoothProfileAdapter) and on the
    /// simulated board (the simulated Security Manager): keeps the passkey (drawn at first boot, see
    /// <see cref="PairingPasskey"/>), the pairing window, the bond limit, the back-off after failed pairings and the
    /// count of failures that retires a passkey. The stack runs the protocol; this decides whether it gets the
    /// passkey. Times are the platform clock's microseconds. Not thread-safe: callers hold the application's lock.
    /// </summary>
    public sealed class BondManager
    {
        private readonly IPasskeyStore _store;
        private readonly IRandomSource _random;
        private readonly IBondStore _bonds;
        private readonly byte[] _record = new byte[PairingPasskey.RecordLength];
        private long _windowEnds = long.MinValue;

        public BondManager(IPasskeyStore store, IRandomSource random, IBondStore bonds)
        {
            if (store == null || random == null || bonds == null)
            {
                throw new System.ArgumentNullException("store");
            }

            _store = store;
            _random = random;
            _bonds = bonds;
            Passkey = -1;
        }

        /// <summary>The passkey on the label, or -1 before <see cref="Provision"/>.</summary>
        public int Passkey { get; private set; }

        /// <summary>The passkey was drawn in this boot: show it once (console, label printer).</summary>
        public bool PasskeyCreated { get; private set; }

        /// <summary>Failed passkey pairings since the passkey was drawn (kept with it in flash).</summary>
        public int FailedAttempts { get; private set; }

        /// <summary>Failures in a row since the last success (this boot); they set the back-off.</summary>
        public int ConsecutiveFailures { get; private set; }

        /// <summary>No passkey is given out before this time.</summary>
        public long BackOffUntil { get; private set; }

        /// <summary>Pairings refused (no passkey given), by any reason.</summary>
        public int Refused { get; private set; }

        public PairingDecision LastDecision { get; private set; }

        public int BondCount
        {
            get { return _bonds.Count; }
        }

        /// <summary>Where pairing outcomes and refusals are logged as device events (security event log); null for none.</summary>
        public RecordStore EventLog { get; set; }

        /// <summary>
        /// Loads the passkey, or draws and stores a new one when there is none (first boot, after a factory reset, or
        /// a damaged record). A new passkey also clears the stack's bonds: none can be legitimate without it, and it
        /// finishes a factory reset cut short by a power loss. Call once the stack runs. Returns true for a new passkey.
        /// </summary>
        public bool Provision()
        {
            int failures;
            int passkey = PairingPasskey.Decode(_record, _store.Load(_record), out failures);
            if (passkey >= 0)
            {
                Passkey = passkey;
                FailedAttempts = failures;
                PasskeyCreated = false;
                return false;
            }

            Passkey = PairingPasskey.Generate(_random);
            FailedAttempts = 0;
            Save();
            _bonds.DeleteAll();
            PasskeyCreated = true;
            return true;
        }

        /// <summary>The power-up gesture: pairing is answered for <see cref="BlePairingPolicy.PairingWindowSeconds"/>.</summary>
        public void OpenPairingWindow(long nowMicroseconds)
        {
            _windowEnds = nowMicroseconds + (long)BlePairingPolicy.PairingWindowSeconds * 1000000;
        }

        public void ClosePairingWindow()
        {
            _windowEnds = long.MinValue;
        }

        public bool IsPairingWindowOpen(long nowMicroseconds)
        {
            return nowMicroseconds < _windowEnds;
        }

        /// <summary>Whether the stack may store a new bond now (its bonding flag in the Pairing Response).</summary>
        public bool BondingAllowed(long nowMicroseconds)
        {
            return IsPairingWindowOpen(nowMicroseconds) && _bonds.Count < BlePairingPolicy.MaxBonds;
        }

        /// <summary>The stack asks for the passkey to display (Passkey Entry, device DisplayOnly).</summary>
        public PairingDecision OnPasskeyRequested(long nowMicroseconds)
        {
            PairingDecision decision;
            if (Passkey < 0 || FailedAttempts >= BlePairingPolicy.PasskeyFailureLimit)
            {
                decision = PairingDecision.PasskeyRetired;
            }
            else if (!IsPairingWindowOpen(nowMicroseconds))
            {
                decision = PairingDecision.WindowClosed;
            }
            else if (nowMicroseconds < BackOffUntil)
            {
                decision = PairingDecision.BackingOff;
            }
            else if (_bonds.Count >= BlePairingPolicy.MaxBonds)
            {
                decision = PairingDecision.BondTableFull;
            }
            else
            {
                decision = PairingDecision.ShowPasskey;
            }

            if (decision != PairingDecision.ShowPasskey)
            {
                Refused++;
                Log(DeviceEventCode.PairingRefused, (int)decision);
            }

            LastDecision = decision;
            return decision;
        }

        /// <summary>A passkey pairing failed (wrong passkey, DHKey check, timeout, peer abort): count it, back off.</summary>
        public void OnPairingFailed(long nowMicroseconds)
        {
            ConsecutiveFailures++;
            if (FailedAttempts < 255)
            {
                FailedAttempts++;
                Save();
            }

            BackOffUntil = nowMicroseconds + BackOffMicroseconds(ConsecutiveFailures);
            Log(DeviceEventCode.PairingFailed, FailedAttempts);
        }

        /// <summary>A passkey pairing succeeded: the back-off starts over (the failure count stays with the passkey).</summary>
        public void OnPairingSucceeded()
        {
            ConsecutiveFailures = 0;
            BackOffUntil = 0;
            Log(DeviceEventCode.Paired, _bonds.Count);
        }

        /// <summary>
        /// Factory reset of pairing: deletes every bond, then the passkey record (the commit point: a boot without a
        /// passkey clears the bonds again and draws a new passkey). Returns false when the record could not be erased.
        /// </summary>
        public bool Forget()
        {
            _bonds.DeleteAll();
            bool erased = _store.Erase();
            Passkey = -1;
            FailedAttempts = 0;
            ConsecutiveFailures = 0;
            BackOffUntil = 0;
            ClosePairingWindow();
            return erased;
        }

        /// <summary>Waiting interval after the given number of failures in a row: none for the free ones, then doubling.</summary>
        public static long BackOffMicroseconds(int consecutiveFailures)
        {
            int beyond = consecutiveFailures - BlePairingPolicy.FreeAttempts;
            if (beyond <= 0)
            {
                return 0;
            }

            long seconds = BlePairingPolicy.BackOffFirstSeconds;
            for (int i = 1; i < beyond && seconds < BlePairingPolicy.BackOffMaxSeconds; i++)
            {
                seconds *= 2;
            }

            return (seconds > BlePairingPolicy.BackOffMaxSeconds ? BlePairingPolicy.BackOffMaxSeconds : seconds) * 1000000;
        }

        private void Log(DeviceEventCode code, int argument)
        {
            if (EventLog != null)
            {
                EventLog.AppendDeviceEvent(code, argument);
            }
        }

        private void Save()
        {
            PairingPasskey.Encode(Passkey, FailedAttempts, _record);
            _store.Save(_record, PairingPasskey.RecordLength);
        }
    }
}
