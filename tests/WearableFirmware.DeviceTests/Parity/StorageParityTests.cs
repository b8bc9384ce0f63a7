using nanoFramework.TestFramework;
using WearableFirmware.Storage;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// Record-store bytes on nanoCLR equal the host's: CRC-32 values and whole encoded slots. A record written by
    /// the device must read back on the host (and in the simulated store) bit for bit, and the other way round.
    /// </summary>
    [TestClass]
    public static class StorageParityTests
    {
        [TestMethod]
        public static void Crc32_check_value_holds_on_the_device()
        {
            // The CRC-32 catalogue check value, independent of the host run.
            byte[] ascii = new byte[] { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39 };
            Assert.AreEqual(Crc32.CheckValue, Crc32.Compute(ascii, 0, ascii.Length));
        }

        [TestMethod]
        public static void Crc32_values_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.Crc32Inputs.Length; i++)
            {
                byte[] input = GoldenVectors.Crc32Inputs[i];
                Assert.AreEqual(GoldenVectors.Crc32Values[i], Crc32.Compute(input, 0, input.Length), Expect.Case("CRC-32", i));
            }
        }

        [TestMethod]
        public static void Encoded_record_slots_match_the_host()
        {
            byte[] slot = new byte[RecordLayout.SlotSize];
            for (int i = 0; i < GoldenVectors.SlotBytes.Length; i++)
            {
                byte[] payload = GoldenVectors.SlotPayload[i];
                RecordLayout.Encode(slot, GoldenVectors.SlotSequence[i], (RecordType)GoldenVectors.SlotType[i], GoldenVectors.SlotClockSet[i],
                    GoldenVectors.SlotTime[i], payload, 0, payload.Length);
                Expect.SameBytes(GoldenVectors.SlotBytes[i], slot, slot.Length, Expect.Case("record slot", i));
                Assert.IsTrue(RecordLayout.IsValid(slot, 0), Expect.Case("record slot validates", i));
            }
        }
    }
}
