using nanoFramework.TestFramework;
using WearableFirmware.Ble;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// The pairing decisions on nanoCLR: the passkey record's bytes (CRC-32 from an independent implementation),
    /// the unbiased draw's 32-bit bounds, the back-off table, and BondManager's window, bond limit, back-off and
    /// retirement, with small stores of its own. These run the same on the host (Roslyn harness).
    /// </summary>
    [TestClass]
    public static class PairingParityTests
    {
        [TestMethod]
        public static void Passkey_record_bytes_match_an_independent_crc()
        {
            byte[] record = new byte[PairingPasskey.RecordLength];
            PairingPasskey.Encode(42, 3, record);
            byte[] expected = new byte[] { 0x50, 0x4B, 0x01, 0x03, 0x2A, 0x00, 0x00, 0x00, 0x03, 0xEB, 0x7B, 0x35 };
            Expect.SameBytes(expected, record, record.Length, "passkey record");
            int failures;
            Assert.AreEqual(42, PairingPasskey.Decode(record, record.Length, out failures));
            Assert.AreEqual(3, failures);
            record[6] ^= 1;
            Assert.AreEqual(-1, PairingPasskey.Decode(record, record.Length, out failures));
            Assert.AreEqual("000042", PairingPasskey.Format(42));
        }

        [TestMethod]
        public static void Passkey_draws_are_bounded_in_unsigned_arithmetic()
        {
            Assert.AreEqual(999999, PairingPasskey.FromDraw(4293999999));
            Assert.AreEqual(-1, PairingPasskey.FromDraw(4294000000));
            Assert.AreEqual(-1, PairingPasskey.FromDraw(4294967295));
            Assert.AreEqual(0, PairingPasskey.FromDraw(0));
            Assert.AreEqual(234567, PairingPasskey.Generate(new FixedDraws()));
        }

        [TestMethod]
        public static void Back_off_doubles_to_ten_minutes()
        {
            long[] seconds = new long[] { 0, 0, 10, 20, 40, 80, 160, 320, 600, 600 };
            for (int n = 0; n < seconds.Length; n++)
            {
                Assert.AreEqual(seconds[n] * 1000000, BondManager.BackOffMicroseconds(n), Expect.Case("back-off", n));
            }
        }

        [TestMethod]
        public static void Bond_manager_decides_as_on_the_host()
        {
            MemoryPasskey file = new MemoryPasskey();
            CountedBonds bonds = new CountedBonds();
            BondManager pairing = new BondManager(file, new FixedDraws(), bonds);
            Assert.IsTrue(pairing.Provision());
            Assert.AreEqual(234567, pairing.Passkey);
            Assert.AreEqual((int)PairingDecision.WindowClosed, (int)pairing.OnPasskeyRequested(0));
            pairing.OpenPairingWindow(0);
            Assert.IsTrue(pairing.BondingAllowed(119999999));
            Assert.IsFalse(pairing.IsPairingWindowOpen(120000000));
            Assert.AreEqual((int)PairingDecision.ShowPasskey, (int)pairing.OnPasskeyRequested(0));
            pairing.OnPairingFailed(0);
            pairing.OnPairingFailed(0);
            Assert.AreEqual((int)PairingDecision.BackingOff, (int)pairing.OnPasskeyRequested(9999999));
            Assert.AreEqual((int)PairingDecision.ShowPasskey, (int)pairing.OnPasskeyRequested(10000000));
            bonds.Count = BlePairingPolicy.MaxBonds;
            Assert.AreEqual((int)PairingDecision.BondTableFull, (int)pairing.OnPasskeyRequested(10000000));
            Assert.IsFalse(pairing.BondingAllowed(10000000));

            BondManager rebooted = new BondManager(file, new FixedDraws(), bonds);
            Assert.IsFalse(rebooted.Provision());
            Assert.AreEqual(2, rebooted.FailedAttempts);
            Assert.IsTrue(rebooted.Forget());
            Assert.AreEqual(0, bonds.Count);
            Assert.AreEqual(0, file.Length);
        }

        private sealed class FixedDraws : IRandomSource
        {
            private int _calls;

            // First draw 0xFFFFFFFF (rejected), then 1 234 567.
            public void NextBytes(byte[] buffer)
            {
                uint value = _calls++ == 0 ? 0xFFFFFFFF : 1234567;
                buffer[0] = (byte)value;
                buffer[1] = (byte)(value >> 8);
                buffer[2] = (byte)(value >> 16);
                buffer[3] = (byte)(value >> 24);
            }
        }

        private sealed class MemoryPasskey : IPasskeyStore
        {
            private readonly byte[] _content = new byte[PairingPasskey.RecordLength];

            public int Length { get; private set; }

            public int Load(byte[] buffer)
            {
                for (int i = 0; i < Length; i++)
                {
                    buffer[i] = _content[i];
                }

                return Length;
            }

            public bool Save(byte[] record, int length)
            {
                for (int i = 0; i < length; i++)
                {
                    _content[i] = record[i];
                }

                Length = length;
                return true;
            }

            public bool Erase()
            {
                Length = 0;
                return true;
            }
        }

        private sealed class CountedBonds : IBondStore
        {
            public int Count { get; set; }

            public void DeleteAll()
            {
                Count = 0;
            }
        }
    }
}
