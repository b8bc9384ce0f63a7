using System.IO;

namespace WearableFirmware.Platform.Watchdog
{
    /// <summary>
    /// nanoFramework 1.x cannot tell a watchdog reboot from a power-on, so the software watchdog leaves this marker
    /// on flash just before it reboots; the next boot reads it into the boot record and removes it.
    /// </summary>
    public static class ResetMarker
    {
        /// <summary>Boot record flag: the previous run ended in a watchdog reboot (beside PowerManager's wake flags).</summary>
        public const int BootFlagWatchdog = 0x400;

        private const string FilePath = "I:\\watchdog.flag";

        public static void MarkWatchdogReboot(long stalledMicroseconds)
        {
            File.WriteAllBytes(FilePath, new byte[] { 1 });
        }

        /// <summary>Returns <see cref="BootFlagWatchdog"/> (and clears the marker) when the last run was cut by the watchdog.</summary>
        public static int TakeBootFlags()
        {
            if (!File.Exists(FilePath))
            {
                return 0;
            }

            File.Delete(FilePath);
            return BootFlagWatchdog;
        }
    }
}
