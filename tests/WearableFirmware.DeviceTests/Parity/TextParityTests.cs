using nanoFramework.TestFramework;
using WearableFirmware.Application;
using WearableFirmware.Drivers;
using WearableFirmware.Drivers.Max3010x;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// Numbers in messages read the same on the device as on the host. nanoFramework's float ToString writes 2.8f as
    /// "2.79999995" and 1E+10f as "10000000E+10", and its "F1" rounds 1.25 up where .NET rounds it down, so messages
    /// use DecimalText. Expected strings by hand: half away from zero, no minus sign on a zero.
    /// </summary>
    [TestClass]
    public static class TextParityTests
    {
        [TestMethod]
        public static void Decimal_text_is_the_same_on_both_runtimes()
        {
            Assert.AreEqual("2.8", DecimalText.Fixed(2.8f, 1));
            Assert.AreEqual("7.00", DecimalText.Fixed(7f, 2));
            Assert.AreEqual("0.1", DecimalText.Fixed(0.1f, 1));
            Assert.AreEqual("97.5", DecimalText.Fixed(97.5f, 1));
            Assert.AreEqual("1.3", DecimalText.Fixed(1.25f, 1));
            Assert.AreEqual("-0.1", DecimalText.Fixed(-0.05f, 1));
            Assert.AreEqual("0.0", DecimalText.Fixed(-0.04f, 1));
            Assert.AreEqual("51.2", DecimalText.Fixed(51.2f, 1));
            Assert.AreEqual("225", DecimalText.Fixed(225f, 0));
            Assert.AreEqual("0.333", DecimalText.Fixed(1f / 3f, 3));
            Assert.AreEqual("123456792", DecimalText.Fixed(123456789f, 0));
            Assert.AreEqual("10000000000", DecimalText.Fixed(1e10f, 0));
            Assert.AreEqual("NaN", DecimalText.Fixed(float.NaN, 1));
            Assert.AreEqual("-Infinity", DecimalText.Fixed(float.NegativeInfinity, 1));
        }

        [TestMethod]
        public static void Settings_messages_are_the_same_on_both_runtimes()
        {
            OffWristPowerSettings offWrist = new OffWristPowerSettings();
            offWrist.RedCurrentMilliamps = 9.5f;
            Assert.AreEqual("off-wrist red LED current 9.5 mA must be between 0 and the worn current 7.0 mA",
                offWrist.Validate(new Max3010xSettings(), 10000));

            Max3010xSettings ppg = new Max3010xSettings();
            ppg.RedLedCurrentMilliamps = 60.2f;
            Assert.AreEqual("red LED current 60.2 mA is outside 0..51 mA (LEDx_PA, 0.2 mA per LSB)", ppg.Validate());
        }
    }
}
