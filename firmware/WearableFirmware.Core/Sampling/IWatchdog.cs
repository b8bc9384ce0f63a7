namespace WearableFirmware.Sampling
{
    /// <summary>
    /// Fed once per healthy tick. On the device the adapter resets the board when feeding stops; on the host the
    /// simulated watchdog just records the gap.
    /// </summary>
    public interface IWatchdog
    {
        void Feed();
    }
}
