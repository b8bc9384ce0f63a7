using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.Storage;
using Xunit;

namespace WearableFirmware.Tests.Ble;

/// <summary>
/// Pairing and bonds end to end: the simulated phone's Security Manager against the device's, with the firmware's
/// <see cref="BondManager"/> deciding; what each outcome leaves the phone allowed to do.
/// </summary>
public class PairingTests
{
    private const string AlertState = "584b0003-5c8b-44d3-94b7-4836cbf4bcd4";
    private const string AlertControl = "584b0004-5c8b-44d3-94b7-4836cbf4bcd4";
    private const string Hrm = "2a37";

    [Fact]
    public void The_label_passkey_bonds_with_authenticated_keys_and_opens_health_data()
    {
        var bench = new BleBench();
        var (phone, _) = bench.Connected();
        PairingOutcome outcome = phone.Pair();
        Assert.True(outcome is { Success: true, Authenticated: true, Bonded: true }, outcome.Description);
        Assert.Equal(1, bench.Server.Bonds.Count);
        Assert.True(bench.Server.Bonds.IsAuthenticated(Convert.ToHexString(phone.Address)));
        Assert.Equal([0, 0, 0], phone.ReadLong(phone.Find(AlertState).ValueHandle));
        Assert.Equal(0, bench.Pairing.FailedAttempts);
    }

    [Fact]
    public void A_wrong_passkey_fails_the_confirm_check_in_the_first_round_whose_bit_differs_and_bonds_nothing()
    {
        var bench = new BleBench();
        var (phone, _) = bench.Connected();
        int wrong = bench.Pairing.Passkey ^ (1 << 5);                 // bits 0-4 right, bit 5 wrong
        phone.Security.PasskeyEntry = () => wrong;
        PairingOutcome outcome = phone.Pair();
        Assert.False(outcome.Success);
        Assert.Equal(SmpCode.ConfirmValueFailed, outcome.FailureReason);
        Assert.Equal(0, bench.Server.Bonds.Count);
        Assert.False(phone.HasBond);
        Assert.Equal(1, bench.Pairing.FailedAttempts);
        var e = Assert.Throws<AttErrorException>(() => phone.ReadLong(phone.Find(AlertState).ValueHandle));
        Assert.Equal(AttErrorCode.InsufficientAuthentication, e.Code);

        // The device gave up at round 6: five rounds completed (5 x 4 PDUs), then the phone's sixth confirm and random.
        var stream = new MemoryStream();
        var captured = new BleBench(stream);
        var (other, _) = captured.Connected();
        other.Security.PasskeyEntry = () => captured.Pairing.Passkey ^ (1 << 5);
        other.Pair();
        var pdus = SmpCapture.Channel(SmpCapture.Records(stream.ToArray()), SmpCode.Cid);
        Assert.Equal(4 + 5 * 4 + 3 + 1, pdus.Count);
        Assert.False(pdus[^1].FromPhone);
        Assert.Equal([SmpCode.PairingFailed, SmpCode.ConfirmValueFailed], pdus[^1].Pdu);
    }

    [Fact]
    public void A_just_works_bond_is_refused_every_protected_characteristic_with_insufficient_authentication()
    {
        var bench = new BleBench();
        var (phone, _) = bench.Connected();
        phone.Security.IoCapability = SmpCode.NoInputNoOutput;       // no keyboard: Just Works whatever the device asks
        PairingOutcome outcome = phone.Pair();
        Assert.True(outcome is { Success: true, Authenticated: false }, outcome.Description);
        Assert.Equal(GattSecurity.Encrypted, bench.NewLinkConnectionSecurity(phone));
        Assert.Equal(FirmwareIdentity.Manufacturer, phone.ReadText("2a29"));   // open characteristics still read

        foreach (GattCharacteristic c in bench.Profile.Services.SelectMany(s => s.Characteristics))
        {
            var discovered = phone.Characteristics.Single(d => d.ValueHandle == bench.Server.Database.ValueHandle(c));
            if (c.CanRead && c.ReadSecurity == GattSecurity.Authenticated)
            {
                Assert.Equal(AttErrorCode.InsufficientAuthentication, Assert.Throws<AttErrorException>(() => phone.ReadLong(discovered.ValueHandle)).Code);
            }

            if (c.CanWrite && c.WriteSecurity != GattSecurity.Open)
            {
                Assert.Equal(GattSecurity.Authenticated, c.WriteSecurity);   // every state-changing write needs MITM keys
                Assert.Equal(AttErrorCode.InsufficientAuthentication, phone.WriteRaw(discovered.ValueHandle, new byte[Math.Min(3, c.MaxValueLength)]));
            }

            if (c.HasCccd && c.ReadSecurity == GattSecurity.Authenticated)
            {
                Assert.Equal(AttErrorCode.InsufficientAuthentication, phone.WriteRaw(discovered.CccdHandle, [c.CanNotify ? (byte)1 : (byte)2, 0]));
            }
        }

        Assert.False(bench.Profile.HeartRate.NotifyMeasurement(70, true));   // nobody may receive it
        Assert.Empty(phone.Received);
        Assert.Equal(0, bench.Pairing.FailedAttempts);                       // no passkey was at stake
    }

    [Fact]
    public void Outside_the_pairing_window_the_device_keeps_the_passkey_and_stores_no_bond()
    {
        var bench = new BleBench();
        bench.Pairing.ClosePairingWindow();
        var (phone, _) = bench.Connected();
        PairingOutcome outcome = phone.Pair();
        Assert.True(outcome.TimedOut, outcome.Description);
        Assert.Equal(PairingDecision.WindowClosed, bench.Pairing.LastDecision);
        Assert.Equal(0, bench.Pairing.FailedAttempts);                       // refused, not failed: nothing was revealed

        phone.Security.IoCapability = SmpCode.NoInputNoOutput;               // Just Works still encrypts, but bonds nothing
        Assert.True(phone.Pair() is { Success: true, Bonded: false });
        Assert.Equal(0, bench.Server.Bonds.Count);
    }

    [Fact]
    public void The_bond_table_holds_three_phones_then_refuses_and_a_factory_reset_empties_it()
    {
        var bench = new BleBench();
        for (byte p = 1; p <= BlePairingPolicy.MaxBonds; p++)
        {
            var (phone, _) = bench.Connected(p);
            Assert.True(phone.Pair().Bonded);
            phone.Disconnect();
        }

        var (fourth, _) = bench.Connected(9);
        Assert.True(fourth.Pair().TimedOut);
        Assert.Equal(PairingDecision.BondTableFull, bench.Pairing.LastDecision);
        Assert.Equal(BlePairingPolicy.MaxBonds, bench.Server.Bonds.Count);
        fourth.Disconnect();

        int oldPasskey = bench.Pairing.Passkey;
        Assert.True(bench.Pairing.Forget());
        Assert.Equal(0, bench.Server.Bonds.Count);
        Assert.Null(bench.PasskeyFile.Content);
        Assert.True(bench.Pairing.Provision());                              // the next boot draws a new passkey
        Assert.NotEqual(oldPasskey, bench.Pairing.Passkey);
    }

    [Fact]
    public void After_a_failure_the_next_attempt_waits_and_the_wait_doubles()
    {
        var bench = new BleBench();
        var (phone, _) = bench.Connected();
        phone.Security.PasskeyEntry = () => (bench.Pairing.Passkey + 1) % PairingPasskey.Range;
        Assert.Equal(SmpCode.ConfirmValueFailed, phone.Pair().FailureReason);   // first failure: retry at once (a typo)
        Assert.Equal(SmpCode.ConfirmValueFailed, phone.Pair().FailureReason);
        Assert.Equal(10_000_000, bench.Pairing.BackOffUntil - bench.Clock.NowMicroseconds);

        phone.Security.PasskeyEntry = () => bench.Pairing.Passkey;
        Assert.True(phone.Pair().TimedOut);                                   // even the right passkey waits
        Assert.Equal(PairingDecision.BackingOff, bench.Pairing.LastDecision);
        bench.Clock.SleepMicroseconds(10_000_000);
        Assert.True(phone.Pair().Authenticated);
        Assert.Equal(0, bench.Pairing.ConsecutiveFailures);
        Assert.Equal(2, bench.Pairing.FailedAttempts);                        // stays with the passkey

        Assert.Equal([0L, 0, 10, 20, 40, 80, 160, 320, 600, 600], Enumerable.Range(0, 10).Select(n => BondManager.BackOffMicroseconds(n) / 1_000_000));
    }

    [Fact]
    public void Ten_failures_retire_the_passkey_across_reboots_until_a_new_one_is_drawn()
    {
        var file = new SimulatedPasskeyFile();
        var bonds = new SimulatedBondStore();
        var random = new SeededRandomSource(11);
        var pairing = new BondManager(file, random, bonds);
        Assert.True(pairing.Provision());
        int passkey = pairing.Passkey;
        for (int i = 0; i < BlePairingPolicy.PasskeyFailureLimit - 1; i++)
        {
            pairing.OnPairingFailed(0);
        }

        var rebooted = new BondManager(file, random, bonds);                  // the count is in the record
        Assert.False(rebooted.Provision());
        Assert.Equal((passkey, 9), (rebooted.Passkey, rebooted.FailedAttempts));
        rebooted.OpenPairingWindow(0);
        Assert.Equal(PairingDecision.ShowPasskey, rebooted.OnPasskeyRequested(0));
        rebooted.OnPairingFailed(0);
        Assert.Equal(PairingDecision.PasskeyRetired, rebooted.OnPasskeyRequested(3_600_000_000));
    }

    [Fact]
    public void The_passkey_record_round_trips_and_a_damaged_one_means_a_new_passkey_and_no_bonds()
    {
        var record = new byte[PairingPasskey.RecordLength];
        PairingPasskey.Encode(42, 3, record);
        Assert.Equal((42, 3), (PairingPasskey.Decode(record, record.Length, out int failures), failures));
        Assert.Equal("000042", PairingPasskey.Format(42));
        Assert.Equal("999999", PairingPasskey.Format(999_999));
        for (int bit = 0; bit < record.Length * 8; bit++)
        {
            byte[] damaged = (byte[])record.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Equal(-1, PairingPasskey.Decode(damaged, damaged.Length, out _));
        }

        var bench = new BleBench();
        Assert.True(bench.Connected().Phone.Pair().Bonded);
        bench.PasskeyFile.Content![5] ^= 0xFF;                               // the flash lost a bit
        var rebooted = new BondManager(bench.PasskeyFile, new SeededRandomSource(1), bench.Server.Bonds);
        Assert.True(rebooted.Provision());
        Assert.Equal(0, bench.Server.Bonds.Count);
        Assert.Equal(rebooted.Passkey, PairingPasskey.Decode(bench.PasskeyFile.Content!, bench.PasskeyFile.Content!.Length, out _));
    }

    [Fact]
    public void Passkeys_are_drawn_by_rejection_so_every_value_is_equally_likely()
    {
        Assert.Equal(999_999, PairingPasskey.FromDraw(PairingPasskey.RejectFrom - 1));
        Assert.Equal(-1, PairingPasskey.FromDraw(PairingPasskey.RejectFrom));
        Assert.Equal(-1, PairingPasskey.FromDraw(uint.MaxValue));
        Assert.Equal(0u, PairingPasskey.RejectFrom % PairingPasskey.Range);
        Assert.True(uint.MaxValue - PairingPasskey.RejectFrom < PairingPasskey.Range);   // the largest such multiple

        // A source whose first draw must be rejected: the passkey comes from the second.
        var source = new ScriptedSource(uint.MaxValue, 1_234_567);
        Assert.Equal(234_567, PairingPasskey.Generate(source));
    }

    [Fact]
    public void Factory_reset_erases_records_bonds_and_passkey_and_the_old_phone_must_pair_again_with_the_new_label()
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 3).Sit(20));
        Assert.True(board.Boot());
        var phone = board.NewPhone("phone", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x91]);
        int typed = board.Pairing.Passkey;
        phone.Security.PasskeyEntry = () => typed;
        var link = new BleLink(board.Server, board.Clock, null);
        phone.StartHealthSession(link);
        board.RunUntil(10);
        Assert.True(phone.HasBond);
        Assert.True(board.App.Store.NextSequence > 1);
        phone.Disconnect();

        Assert.True(board.FactoryReset());
        var after = new SimulatedWearable(new WearerScenario(seed: 3).Sit(20), flash: board.Flash, keys: board.Keys);
        Assert.True(after.Boot());
        Assert.True(after.Pairing.PasskeyCreated);
        Assert.NotEqual(typed, after.Pairing.Passkey);
        Assert.Equal(0, after.Server.Bonds.Count);
        Assert.Equal(0, after.App.Store.Count(1, int.MaxValue, WearableFirmware.Storage.RecordType.SpotCheck));

        var newLink = new BleLink(after.Server, after.Clock, null);
        Assert.False(phone.Reconnect(newLink));                              // the device forgot the key
        Assert.False(phone.Pair().Success);                                  // and the old label's passkey fails
        typed = after.Pairing.Passkey;
        Assert.True(phone.Pair().Authenticated);
    }

    [Fact]
    public void Pairing_failures_refusals_and_successes_are_logged_as_device_events()
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 2).Sit(10));
        Assert.True(board.Boot());
        var phone = board.NewPhone("phone", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x91]);
        int typed = 0;
        phone.Security.PasskeyEntry = () => typed++ < 2 ? (board.Pairing.Passkey + 1) % PairingPasskey.Range : board.Pairing.Passkey;
        phone.Connect(new BleLink(board.Server, board.Clock, null));
        Assert.False(phone.Pair().Success);                                  // wrong, no wait
        Assert.False(phone.Pair().Success);                                  // wrong again: 10 s back-off
        Assert.True(phone.Pair().TimedOut);                                  // refused while backing off
        board.RunUntil(10.5);
        Assert.True(phone.Pair().Authenticated);

        var events = new List<(DeviceEventCode Code, int Argument)>();
        var record = new WearableFirmware.Storage.StoredRecord();
        for (int seq = 1; seq < board.App.Store.NextSequence; seq++)
        {
            if (board.App.Store.TryRead(seq, record) && record.Type == WearableFirmware.Storage.RecordType.DeviceEvent
                && record.Payload[0] >= (byte)DeviceEventCode.Paired)
            {
                events.Add(((DeviceEventCode)record.Payload[0], BitConverter.ToInt32(record.Payload, 1)));
            }
        }

        Assert.Equal([(DeviceEventCode.PairingFailed, 1), (DeviceEventCode.PairingFailed, 2),
            (DeviceEventCode.PairingRefused, (int)PairingDecision.BackingOff), (DeviceEventCode.Paired, 1)], events);
    }

    private sealed class ScriptedSource(params uint[] draws) : IRandomSource
    {
        private int _next;

        public void NextBytes(byte[] buffer) => BitConverter.GetBytes(draws[_next++]).CopyTo(buffer, 0);
    }
}
