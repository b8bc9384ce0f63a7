using nanoFramework.TestFramework;
using WearableFirmware.Drivers;

namespace WearableFirmware.DeviceTests
{
    /// <summary>Comparisons the TestFramework lacks: byte strings with the first difference named, floats with a tolerance.</summary>
    internal static class Expect
    {
        /// <summary>The first <paramref name="actualLength"/> bytes of <paramref name="actual"/> equal <paramref name="expected"/>.</summary>
        public static void SameBytes(byte[] expected, byte[] actual, int actualLength, string what)
        {
            Assert.AreEqual(expected.Length, actualLength, string.Concat(what, ": length"));
            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] != actual[i])
                {
                    Assert.AreEqual(expected[i], actual[i], string.Concat(what, ": byte ", i.ToString()));
                }
            }
        }

        /// <summary>|expected - actual| &lt;= tolerance (NaN matches only NaN).</summary>
        public static void Near(float expected, float actual, float tolerance, string what)
        {
            if (float.IsNaN(expected) || float.IsNaN(actual))
            {
                Assert.AreEqual(float.IsNaN(expected), float.IsNaN(actual), string.Concat(what, ": NaN"));
                return;
            }

            float difference = expected - actual;
            if (difference < 0)
            {
                difference = -difference;
            }

            Assert.IsTrue(difference <= tolerance, string.Concat(what, ": expected ", DecimalText.Fixed(expected, 3), " +/- ", DecimalText.Fixed(tolerance, 3),
                ", got ", DecimalText.Fixed(actual, 3)));
        }

        public static string Case(string name, int index)
        {
            return string.Concat(name, " case ", index.ToString());
        }
    }
}
