using System;
using System.IO;
using nanoFramework.Device.Bluetooth.Security;
using WearableFirmware.Ble;

namespace WearableFirmware.Platform.Ble
{
    /// <summary>
    /// The passkey record as a file on the internal flash drive, beside the identity. A write cut by a power loss
    /// leaves a record that fails its CRC: the next boot draws a new passkey and clears the bonds (fail-safe; the
    /// label then needs reprinting, as after a factory reset).
    /// </summary>
    public sealed class PasskeyFile : IPasskeyStore
    {
        private const string FilePath = "I:\\passkey.bin";

        public int Load(byte[] buffer)
        {
            try
            {
                if (!File.Exists(FilePath))
                {
                    return 0;
                }

                byte[] stored = File.ReadAllBytes(FilePath);
                if (stored.Length > buffer.Length)
                {
                    return 0;
                }

                Array.Copy(stored, buffer, stored.Length);
                return stored.Length;
            }
            catch (Exception)
            {
                return 0;
            }
        }

        public bool Save(byte[] record, int length)
        {
            try
            {
                byte[] copy = new byte[length];
                Array.Copy(record, copy, length);
                File.WriteAllBytes(FilePath, copy);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool Erase()
        {
            try
            {
                if (File.Exists(FilePath))
                {
                    File.Delete(FilePath);
                }

                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Random bytes from System.Random, which nanoFramework's ESP32 port serves from esp_random() (the chip's hardware
    /// generator; nf-interpreter targets/ESP32/_nanoCLR/targetRandom.cpp ignores any seed). Its output is true random
    /// while the radio runs, so secrets are drawn after the Bluetooth stack has started.
    /// </summary>
    public sealed class HardwareRandom : IRandomSource
    {
        private readonly Random _random = new Random();

        public void NextBytes(byte[] buffer)
        {
            _random.NextBytes(buffer);
        }
    }

    /// <summary>NimBLE's bond store through nanoFramework's DeviceBonding (the stack must be running).</summary>
    public sealed class StackBondStore : IBondStore
    {
        public int Count
        {
            get { return DeviceBonding.Count(); }
        }

        public void DeleteAll()
        {
            DeviceBonding.DeleteAllBonds();
        }
    }
}
