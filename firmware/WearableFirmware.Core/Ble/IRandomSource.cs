namespace WearableFirmware.Ble
{
    /// <summary>
    /// Random bytes for secrets. On the ESP32 this is System.Random, which nanoFramework backs with the chip's
    /// hardware generator (esp_random) whatever seed it is given; the simulated board uses a seeded generator.
    /// </summary>
    public interface IRandomSource
    {
        void NextBytes(byte[] buffer);
    }
}
