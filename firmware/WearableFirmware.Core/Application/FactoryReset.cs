using WearableFirmware.Ble;
using WearableFirmware.Storage;

namespace WearableFirmware.Application
{
    /// <summary>
    /// The factory reset (button held <see cref="BlePairingPolicy.FactoryResetHoldSeconds"/> s from power-up): erases
    /// what belongs to the wearer and to the phones that knew the device — every stored record (spot-checks, fall
    /// events and pending alerts, device events), every bond with its subscriptions, and the passkey, so the next boot
    /// draws a new one for a new label. Kept: the device identity (serial number, System ID), the firmware and its
    /// settings. Records go first and the passkey last: a power cut before the end leaves a passkey, so the reset has
    /// visibly not happened and is repeated; the wall clock is RAM only. The caller reboots at once afterwards (the
    /// record store in RAM no longer matches the flash).
    /// </summary>
    public static class FactoryReset
    {
        /// <summary>
        /// The reset on the device: also erases the settings flash, so the alarm limits a phone set for the previous
        /// wearer go back to the defaults (a new wearer starts from the documented alarm table).
        /// </summary>
        public static bool Run(IFlashStorage recordFlash, IFlashStorage settingsFlash, BondManager pairing)
        {
            bool ok = true;
            for (int segment = 0; segment < settingsFlash.SegmentCount; segment++)
            {
                ok &= settingsFlash.Erase(segment);
            }

            return Run(recordFlash, pairing) && ok;
        }

        public static bool Run(IFlashStorage recordFlash, BondManager pairing)
        {
            bool ok = true;
            for (int segment = 0; segment < recordFlash.SegmentCount; segment++)
            {
                ok &= recordFlash.Erase(segment);
            }

            return pairing.Forget() && ok;
        }
    }
}
