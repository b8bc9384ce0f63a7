using System;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.Drivers;
// nanoFramework has a client-side GattCharacteristic of its own in GenericAttributeProfile.
using GattCharacteristic = WearableFirmware.Ble.GattCharacteristic;
using Buffer = nanoFramework.Device.Bluetooth.Buffer;
using DeviceBonding = nanoFramework.Device.Bluetooth.Security.DeviceBonding;

namespace WearableFirmware.Platform.Ble
{
    /// <summary>
    /// Maps the portable <see cref="HealthProfile"/> onto nanoFramework.Device.Bluetooth (v1.1.123): one
    /// GattServiceProvider per service, one GattLocalCharacteristic per characteristic with the table's properties,
    /// protection levels and user descriptions; reads, writes and notifications go through the portable services
    /// and <see cref="GattAccess"/>, so nothing is decided here. Device Information values are static; every other
    /// readable value is served from the portable characteristic on ReadRequested.
    /// Library facts this relies on (checked in its sources): the first service created is the primary one and
    /// triggers a default Device Information service, and creating a service with an existing UUID replaces it —
    /// so Heart Rate is created first and the profile's Device Information second, replacing the default.
    /// Advertising sections that do not fit the 31-byte advertising data go to the scan response.
    /// <para>
    /// Pairing (Core/Ble/Security.md has the whole table of what the stack enforces and what is checked here): IO capability
    /// DisplayOnly and protection EncryptionAndAuthentication, which nanoFramework's native layer turns into NimBLE's
    /// sm_io_cap, sm_sc = 1 and sm_mitm = 1; the bonding flag (AllowBonding) is on only while the
    /// <see cref="BondManager"/> allows a new bond. NimBLE raises PairingRequested with DisplayPin when Passkey Entry
    /// needs the passkey; the handler gives it (Accept(passkey)) or keeps it, and the phone's pairing then times out.
    /// Just Works never reaches the handler. DevicePairing keeps IsPaired/IsAuthenticated across connections and its
    /// WasSecureConnectionUsedForPairing is NimBLE's "encrypted" bit, so the link's security is tracked here per
    /// connection from PairingComplete and cleared on every connect and disconnect.
    /// </para>
    /// </summary>
    public sealed class BluetoothProfileAdapter : IGattNotifier
    {
        private const int MinimumMtu = 23;

        private readonly WearableApplication _app;
        private readonly BondManager _pairing;
        private readonly IClock _clock;
        private readonly HealthProfile _profile;
        private readonly GattCharacteristic[] _portable;
        private readonly GattLocalCharacteristic[] _local;
        private readonly SessionLink _link;
        private int _count;
        private GattServiceProvider _primary;
        private bool _bondingAllowed;
        private GattSecurity _linkSecurity;
        private bool _linkBonded;
        private bool _passkeyGiven;
        private int _bondsBeforePairing;

        public BluetoothProfileAdapter(WearableApplication app, BondManager pairing, IClock clock)
        {
            _app = app;
            _pairing = pairing;
            _clock = clock;
            HealthProfile profile = app.Profile;
            _profile = profile;
            int total = 0;
            for (int s = 0; s < profile.Services.Length; s++)
            {
                total += profile.Services[s].Characteristics.Length;
            }

            _portable = new GattCharacteristic[total];
            _local = new GattLocalCharacteristic[total];
            _link = new SessionLink(this);
        }

        /// <summary>
        /// Builds the GATT table, applies the pairing policy, starts the server, provisions the passkey (drawn at the
        /// first boot, once the stack runs: its bonds are cleared then) and starts advertising.
        /// </summary>
        public void Start(string deviceName)
        {
            BluetoothLEServer server = BluetoothLEServer.Instance;
            server.DeviceName = deviceName;
            server.Appearance = GattUuids.AppearanceWristWornPulseOximeter;

            // Pairing policy (BlePairingPolicy): the label is the display -> Passkey Entry, MITM, Secure Connections.
            DevicePairing pairing = server.Pairing;
            pairing.PairingRequested += OnPairingRequested;
            pairing.PairingComplete += OnPairingComplete;
            pairing.IOCapabilities = DevicePairingIOCapabilities.DisplayOnly;
            pairing.ProtectionLevel = DevicePairingProtectionLevel.EncryptionAndAuthentication;
            pairing.AllowBonding = false;

            _primary = CreateService(_profile.HeartRate);
            GattService[] services = _profile.Services;
            for (int s = 0; s < services.Length; s++)
            {
                if (services[s] != _profile.HeartRate)
                {
                    CreateService(services[s]);
                }
            }

            _profile.AttachNotifier(this);
            server.Start();
            server.Session.SessionStatusChanged += OnSessionStatusChanged;
            lock (_app.SyncRoot)
            {
                _pairing.EventLog = _app.Store;
                _pairing.Provision();
            }

            StartAdvertising(deviceName);
        }

        /// <summary>The power-up gesture (call under the application's lock): pairing is answered for 120 s.</summary>
        public void OpenPairingWindow()
        {
            _pairing.OpenPairingWindow(_clock.NowMicroseconds);
            Tick();
        }

        /// <summary>
        /// Once a second (under the application's lock): sets the stack's bonding flag from the window and the bond
        /// count. Returns whether the pairing window is still open (the LED shows it).
        /// </summary>
        public bool Tick()
        {
            long now = _clock.NowMicroseconds;
            bool allowed = _pairing.BondingAllowed(now);
            if (allowed != _bondingAllowed)
            {
                BluetoothLEServer.Instance.Pairing.AllowBonding = allowed;
                _bondingAllowed = allowed;
            }

            return _pairing.IsPairingWindowOpen(now);
        }

        // ---- IGattNotifier ----

        public int MaxPayloadLength(GattCharacteristic characteristic)
        {
            GattLocalCharacteristic local = LocalOf(characteristic);
            if (local == null || !MaySend(characteristic))
            {
                return 0;
            }

            GattSubscribedClient[] clients = local.SubscribedClients;
            int smallest = 0;
            for (int i = 0; i < clients.Length; i++)
            {
                int mtu = clients[i].Session.MaxMtuSize;
                if (mtu == 0)
                {
                    mtu = BluetoothLEServer.Instance.Session.MaxMtuSize;
                }

                if (mtu < MinimumMtu)
                {
                    mtu = MinimumMtu;
                }

                if (smallest == 0 || mtu - 3 < smallest)
                {
                    smallest = mtu - 3;
                }
            }

            return smallest;
        }

        public bool Send(GattCharacteristic characteristic, byte[] value, int length)
        {
            GattLocalCharacteristic local = LocalOf(characteristic);
            if (local == null || local.SubscribedClients.Length == 0 || !MaySend(characteristic))
            {
                return false;
            }

            // On the ESP32 the native layer sends a notification even where the client enabled indications (Core/Ble/README.md,
            // "Indications on the ESP32"); it does not wait for the radio.
            GattClientNotificationResult[] results = local.NotifyValue(new Buffer(Copy(value, length)));
            bool allSent = results.Length > 0;
            for (int i = 0; i < results.Length; i++)
            {
                if (results[i].Status != GattCommunicationStatus.Success)
                {
                    allSent = false;
                }
            }

            // No ATT confirmation exists, so a value the stack took stands for the client's confirmation of an
            // indicate-only characteristic; that paces RACP record by record.
            if (allSent && characteristic.CanIndicate && !characteristic.CanNotify)
            {
                _app.OnIndicationConfirmed(_link, characteristic);
            }

            return allSent;
        }

        public bool SendTo(IGattLink link, GattCharacteristic characteristic, byte[] value, int length)
        {
            SessionLink session = link as SessionLink;
            GattLocalCharacteristic local = LocalOf(characteristic);
            if (session == null || local == null || !MaySend(characteristic))
            {
                return false;
            }

            // The peer the link was last bound to (by a read or write); a link not bound yet since the connection (the
            // library reports connections without the peer) stands for the only subscriber there is.
            GattSubscribedClient[] clients = local.SubscribedClients;
            GattSubscribedClient client = clients.Length == 1 ? clients[0] : null;
            for (int i = 0; i < clients.Length; i++)
            {
                if (clients[i].Session.DeviceId.Id == session.DeviceId)
                {
                    client = clients[i];
                }
            }

            if (client == null)
            {
                return false;
            }

            GattClientNotificationResult result = local.NotifyValue(new Buffer(Copy(value, length)), client);
            bool sent = result.Status == GattCommunicationStatus.Success;
            if (sent && characteristic.CanIndicate && !characteristic.CanNotify)
            {
                _app.OnIndicationConfirmed(link, characteristic);
            }

            return sent;
        }

        // NimBLE's CCCD accepts any subscription, so a protected value goes out only over a link that meets its
        // read security (tracked per connection from PairingComplete).
        private bool MaySend(GattCharacteristic characteristic)
        {
            return _linkSecurity >= characteristic.ReadSecurity;
        }

        // ---- table ----

        private GattServiceProvider CreateService(GattService service)
        {
            GattServiceProviderResult result = GattServiceProvider.Create(GattMapping.ToGuid(service.Uuid));
            if (result.Error != BluetoothError.Success)
            {
                throw new InvalidOperationException("GATT service " + service.Uuid.ToString() + " not created");
            }

            GattServiceProvider provider = result.ServiceProvider;
            bool staticValues = service == _profile.DeviceInformation;
            for (int i = 0; i < service.Characteristics.Length; i++)
            {
                GattCharacteristic c = service.Characteristics[i];
                GattLocalCharacteristicParameters parameters = new GattLocalCharacteristicParameters();
                parameters.CharacteristicProperties = GattMapping.ToProperties(c.Properties);
                parameters.ReadProtectionLevel = GattMapping.ToProtection(c.ReadSecurity);
                parameters.WriteProtectionLevel = GattMapping.ToProtection(c.WriteSecurity);
                if (c.UserDescription != null)
                {
                    parameters.UserDescription = c.UserDescription;
                }

                if (staticValues)
                {
                    parameters.StaticValue = new Buffer(Copy(c.Value, c.ValueLength));
                }

                GattLocalCharacteristicResult created = provider.Service.CreateCharacteristic(GattMapping.ToGuid(c.Uuid), parameters);
                if (created.Error != BluetoothError.Success)
                {
                    throw new InvalidOperationException("GATT characteristic " + c.Uuid.ToString() + " not created");
                }

                GattLocalCharacteristic local = created.Characteristic;
                if (c.CanRead && !staticValues)
                {
                    local.ReadRequested += OnReadRequested;
                }

                if (c.CanWrite)
                {
                    local.WriteRequested += OnWriteRequested;
                }

                _portable[_count] = c;
                _local[_count] = local;
                _count++;
            }

            return provider;
        }

        private void StartAdvertising(string deviceName)
        {
            GattServiceProviderAdvertisingParameters parameters = new GattServiceProviderAdvertisingParameters();
            parameters.IsConnectable = true;
            parameters.IsDiscoverable = true;
            parameters.CustomAdvertisement = true;

            // The portable builder decides the content; here it is only cut back into data sections.
            byte[] data = new byte[Advertising.MaxLength];
            int length = Advertising.BuildForProfile(data);
            int offset = 0;
            while (offset < length)
            {
                int sectionLength = data[offset];
                byte[] payload = new byte[sectionLength - 1];
                Array.Copy(data, offset + 2, payload, 0, sectionLength - 1);
                parameters.Advertisement.DataSections.Add(new BluetoothLEAdvertisementDataSection(data[offset + 1], new Buffer(payload)));
                offset += sectionLength + 1;
            }

            // The advertising data is full, so the library moves the name to the scan response.
            parameters.Advertisement.LocalName = deviceName;
            _primary.StartAdvertising(parameters);
        }

        // ---- requests ----

        private void OnReadRequested(GattLocalCharacteristic sender, GattReadRequestedEventArgs args)
        {
            GattReadRequest request = args.GetRequest();
            GattCharacteristic c = PortableOf(sender);
            if (c == null)
            {
                request.RespondWithProtocolError(AttErrorCode.UnlikelyError);
                return;
            }

            byte[] value;
            lock (_app.SyncRoot)
            {
                // BLE callbacks run on the stack's thread: the loop's state changes only under its lock.
                _link.Bind(args.Session);
                byte code = GattAccess.CheckRead(c, _link);
                if (code != AttErrorCode.Success)
                {
                    request.RespondWithProtocolError(code);
                    return;
                }

                c.Service.PrepareRead(c);
                value = Copy(c.Value, c.ValueLength);
            }

            request.RespondWithValue(new Buffer(value));
        }

        private void OnWriteRequested(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            GattWriteRequest request = args.GetRequest();
            bool withResponse = request.Option == GattWriteOption.WriteWithResponse;
            GattCharacteristic c = PortableOf(sender);
            byte code;
            if (c == null)
            {
                code = AttErrorCode.UnlikelyError;
            }
            else if (request.Offset != 0)
            {
                // No characteristic of this profile is long enough to need prepared (offset) writes.
                code = AttErrorCode.InvalidOffset;
            }
            else
            {
                Buffer value = request.Value;
                byte[] data = new byte[value.Length];
                DataReader.FromBuffer(value).ReadBytes(data);
                lock (_app.SyncRoot)
                {
                    _link.Bind(args.Session);
                    code = GattAccess.CheckWrite(c, _link, withResponse);
                    if (code == AttErrorCode.Success)
                    {
                        code = data.Length > c.MaxValueLength
                            ? AttErrorCode.InvalidAttributeValueLength
                            : c.Service.Write(c, _link, data, 0, data.Length);
                    }
                }
            }

            if (!withResponse)
            {
                return;
            }

            if (code == AttErrorCode.Success)
            {
                request.Respond();
            }
            else
            {
                request.RespondWithProtocolError(code);
            }
        }

        private void OnSessionStatusChanged(object sender, GattSessionStatusChangedEventArgs args)
        {
            lock (_app.SyncRoot)
            {
                // A new link starts unencrypted; DevicePairing still shows the previous link's pairing.
                _linkSecurity = GattSecurity.Open;
                _linkBonded = false;
                _passkeyGiven = false;
                // The library exposes one session: this link stands for the one connected phone.
                if (args.Status == GattSessionStatus.Active)
                {
                    _app.OnPhoneConnected(_link);
                }
                else
                {
                    _app.OnPhoneDisconnected(_link);
                }
            }
        }

        private void OnPairingRequested(object sender, DevicePairingRequestedEventArgs args)
        {
            // DisplayOnly: NimBLE asks only for the passkey to "display" (the label's). Any other kind is not answered.
            if (args.PairingKind != DevicePairingKinds.DisplayPin)
            {
                return;
            }

            int passkey = -1;
            lock (_app.SyncRoot)
            {
                PairingDecision decision = _pairing.OnPasskeyRequested(_clock.NowMicroseconds);
                if (decision == PairingDecision.ShowPasskey)
                {
                    passkey = _pairing.Passkey;
                    _passkeyGiven = true;
                    _bondsBeforePairing = DeviceBonding.Count();
                }
            }

            if (passkey >= 0)
            {
                args.Accept(passkey);
            }
        }

        private void OnPairingComplete(object sender, DevicePairingEventArgs args)
        {
            // Raised for every encryption change: a pairing's end, or a bonded phone re-encrypting with its keys.
            DevicePairing pairing = BluetoothLEServer.Instance.Pairing;
            bool encrypted = args.Status == DevicePairingResultStatus.Paired && pairing.WasSecureConnectionUsedForPairing;
            lock (_app.SyncRoot)
            {
                if (_passkeyGiven)
                {
                    _passkeyGiven = false;
                    if (encrypted && pairing.IsAuthenticated)
                    {
                        _pairing.OnPairingSucceeded();
                        _linkBonded = DeviceBonding.Count() > _bondsBeforePairing;
                    }
                    else
                    {
                        _pairing.OnPairingFailed(_clock.NowMicroseconds);
                    }
                }
                else
                {
                    // Re-encryption can only use a stored key, so the peer is bonded (a Just Works pairing lands here
                    // too; its link is Encrypted only, which no bonded-only rule accepts anyway).
                    _linkBonded = encrypted;
                }

                _linkSecurity = !encrypted ? GattSecurity.Open : pairing.IsAuthenticated ? GattSecurity.Authenticated : GattSecurity.Encrypted;
            }
        }

        // ---- mapping helpers ----

        private GattLocalCharacteristic LocalOf(GattCharacteristic characteristic)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_portable[i] == characteristic)
                {
                    return _local[i];
                }
            }

            return null;
        }

        private GattCharacteristic PortableOf(GattLocalCharacteristic local)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_local[i] == local)
                {
                    return _portable[i];
                }
            }

            return null;
        }


        private static byte[] Copy(byte[] source, int length)
        {
            byte[] copy = new byte[length];
            Array.Copy(source, copy, length);
            return copy;
        }

        /// <summary>What the portable handlers may ask about the peer of the request being served.</summary>
        private sealed class SessionLink : IGattLink
        {
            private readonly BluetoothProfileAdapter _adapter;
            private int _deviceId;

            public SessionLink(BluetoothProfileAdapter adapter)
            {
                _adapter = adapter;
            }

            public void Bind(GattSession session)
            {
                _deviceId = session.DeviceId.Id;
            }

            /// <summary>The peer of the request served last.</summary>
            public int DeviceId
            {
                get { return _deviceId; }
            }

            public GattSecurity Security
            {
                get { return _adapter._linkSecurity; }
            }

            public bool IsBonded
            {
                get { return _adapter._linkBonded; }
            }

            public bool IsSubscribed(GattCharacteristic characteristic)
            {
                GattLocalCharacteristic local = _adapter.LocalOf(characteristic);
                if (local == null)
                {
                    return false;
                }

                GattSubscribedClient[] clients = local.SubscribedClients;
                for (int i = 0; i < clients.Length; i++)
                {
                    if (clients[i].Session.DeviceId.Id == _deviceId)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
