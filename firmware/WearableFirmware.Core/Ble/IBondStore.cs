namespace WearableFirmware.Ble
{
    /// <summary>
    /// The Bluetooth stack's bond store as the firmware sees it: how many bonds it holds, and clearing it. On the
    /// ESP32 that is nanoFramework's DeviceBonding over NimBLE's store; on the simulated board the server's table.
    /// </summary>
    public interface IBondStore
    {
        int Count { get; }

        void DeleteAll();
    }
}
