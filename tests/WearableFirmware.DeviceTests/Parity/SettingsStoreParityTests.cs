using nanoFramework.TestFramework;
using WearableFirmware.Storage;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// The settings store on nanoCLR: two stores on their own segment pairs of one flash (the alarm limits on 0-1, the
    /// alarms' state on 2-3, as on the device), copies used in turn, and a write cut part way keeping the previous copy.
    /// Expected flash bytes follow the documented frame: marker 0x5E, payload length, generation (uint32 LE), payload,
    /// CRC-32 (LE).
    /// </summary>
    [TestClass]
    public static class SettingsStoreParityTests
    {
        private const int SegmentCount = 4;
        private const int SegmentSize = 128;
        private const int FrameLength = 10;

        [TestMethod]
        public static void Two_stores_on_one_flash_use_their_own_pair_in_turn()
        {
            MemoryFlash flash = new MemoryFlash(SegmentCount, SegmentSize);
            SettingsStore limits = new SettingsStore(flash, 8);
            SettingsStore state = new SettingsStore(flash, 2, 11);
            byte[] read = new byte[11];
            Assert.AreEqual(0, limits.Load(read, 0), "limits on blank flash");
            Assert.AreEqual(0, state.Load(read, 0), "state on blank flash");

            byte[] limits1 = new byte[] { 90, 85, 10, 120, 140, 50, 40, 10 };
            byte[] limits2 = new byte[] { 92, 86, 15, 125, 145, 55, 45, 20 };
            byte[] limits3 = new byte[] { 88, 84, 12, 110, 130, 45, 35, 8 };
            byte[] state1 = new byte[] { 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
            byte[] state2 = new byte[] { 1, 7, 2, 0, 0, 0, 0, 0, 0, 0, 0 };

            Assert.IsTrue(limits.Save(limits1, 0, limits1.Length), "limits 1");
            ExpectCopy(flash, 0, 1, limits1, "limits 1");
            Assert.IsTrue(state.Save(state1, 0, state1.Length), "state 1");
            ExpectCopy(flash, 2, 1, state1, "state 1");
            Assert.IsTrue(limits.Save(limits2, 0, limits2.Length), "limits 2");
            ExpectCopy(flash, 1, 2, limits2, "limits 2");
            ExpectCopy(flash, 0, 1, limits1, "limits 1 kept beside 2");
            Assert.IsTrue(state.Save(state2, 0, state2.Length), "state 2");
            ExpectCopy(flash, 3, 2, state2, "state 2");
            ExpectCopy(flash, 2, 1, state1, "state 1 kept beside 2");
            Assert.IsTrue(limits.Save(limits3, 0, limits3.Length), "limits 3");
            ExpectCopy(flash, 0, 3, limits3, "limits 3 over the older copy");
            ExpectCopy(flash, 1, 2, limits2, "limits 2 kept beside 3");
            ExpectCopy(flash, 3, 2, state2, "state 2 untouched by limits 3");

            // A reboot: new stores over the same flash load the newest copy of their own pair.
            Assert.AreEqual(limits3.Length, new SettingsStore(flash, 8).Load(read, 0), "limits after reboot");
            Expect.SameBytes(limits3, read, limits3.Length, "limits after reboot");
            Assert.AreEqual(state2.Length, new SettingsStore(flash, 2, 11).Load(read, 0), "state after reboot");
            Expect.SameBytes(state2, read, state2.Length, "state after reboot");

            // Losing one pair leaves the other.
            flash.Erase(2);
            flash.Erase(3);
            Assert.AreEqual(0, new SettingsStore(flash, 2, 11).Load(read, 0), "state pair erased");
            Assert.AreEqual(limits3.Length, new SettingsStore(flash, 8).Load(read, 0), "limits with the state pair erased");
            Expect.SameBytes(limits3, read, limits3.Length, "limits with the state pair erased");
        }

        [TestMethod]
        public static void A_write_cut_at_any_byte_keeps_the_previous_copy()
        {
            byte[] limits = new byte[] { 90, 85, 10, 120, 140, 50, 40, 10 };
            byte[] previous = new byte[] { 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
            byte[] next = new byte[] { 1, 7, 2, 0, 0, 0, 0, 0, 0, 0, 0 };
            byte[] read = new byte[11];
            for (int cut = 0; cut < FrameLength + next.Length; cut++)
            {
                MemoryFlash flash = new MemoryFlash(SegmentCount, SegmentSize);
                Assert.IsTrue(new SettingsStore(flash, 8).Save(limits, 0, limits.Length), Expect.Case("limits", cut));
                SettingsStore state = new SettingsStore(flash, 2, 11);
                state.Load(read, 0);
                Assert.IsTrue(state.Save(previous, 0, previous.Length), Expect.Case("previous", cut));
                flash.CutWritesAfter(cut);
                Assert.IsFalse(state.Save(next, 0, next.Length), Expect.Case("cut save reports failure", cut));
                Assert.AreEqual(1, state.SaveFailures, Expect.Case("failure counted", cut));
                Assert.AreEqual(cut == 0 ? (byte)0xFF : (byte)0x5E, flash.Peek(3, 0), Expect.Case("torn copy on segment 3", cut));

                // The reboot: the torn copy is ignored, the previous one loads, and the next save goes over the torn one.
                flash.CutWritesAfter(-1);
                SettingsStore rebooted = new SettingsStore(flash, 2, 11);
                Assert.AreEqual(previous.Length, rebooted.Load(read, 0), Expect.Case("previous after the cut", cut));
                Expect.SameBytes(previous, read, previous.Length, Expect.Case("previous after the cut", cut));
                Assert.AreEqual(limits.Length, new SettingsStore(flash, 8).Load(read, 0), Expect.Case("limits after the cut", cut));
                Expect.SameBytes(limits, read, limits.Length, Expect.Case("limits after the cut", cut));
                Assert.IsTrue(rebooted.Save(next, 0, next.Length), Expect.Case("save after the reboot", cut));
                ExpectCopy(flash, 3, 2, next, Expect.Case("save after the reboot", cut));
            }
        }

        /// <summary>The frame in a segment, byte for byte; the CRC-32 itself is pinned by StorageParityTests.</summary>
        private static void ExpectCopy(MemoryFlash flash, int segment, uint generation, byte[] payload, string what)
        {
            int total = 6 + payload.Length;
            byte[] expected = new byte[total + 4];
            expected[0] = 0x5E;
            expected[1] = (byte)payload.Length;
            expected[2] = (byte)generation;
            expected[3] = (byte)(generation >> 8);
            expected[4] = (byte)(generation >> 16);
            expected[5] = (byte)(generation >> 24);
            for (int i = 0; i < payload.Length; i++)
            {
                expected[6 + i] = payload[i];
            }

            uint crc = Crc32.Compute(expected, 0, total);
            expected[total] = (byte)crc;
            expected[total + 1] = (byte)(crc >> 8);
            expected[total + 2] = (byte)(crc >> 16);
            expected[total + 3] = (byte)(crc >> 24);
            byte[] actual = new byte[expected.Length];
            flash.Read(segment, 0, actual, 0, actual.Length);
            Expect.SameBytes(expected, actual, actual.Length, string.Concat(what, ", segment ", segment.ToString()));
        }
    }
}
