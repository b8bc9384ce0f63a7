using System;

namespace WearableFirmware.Ble
{
    /// <summary>Battery service (0x180F): Battery Level 0x2A19, percent, read and notify on change.</summary>
    public sealed class BatteryService : GattService
    {
        private readonly byte[] _buffer = new byte[1];

        public BatteryService()
            : base(BleUuid.FromShortCode(GattUuids.BatteryService), new GattCharacteristic[]
            {
                new GattCharacteristic(BleUuid.FromShortCode(GattUuids.BatteryLevel), (byte)(GattProperties.Read | GattProperties.Notify),
                    GattSecurity.Open, GattSecurity.Open, "Battery level", 1),
            })
        {
            _buffer[0] = 0;
            Level.SetValue(_buffer, 1);
        }

        public GattCharacteristic Level
        {
            get { return Characteristics[0]; }
        }

        /// <summary>Sets the level (0-100 %) and notifies subscribers when it changed.</summary>
        public void SetLevel(int percent)
        {
            if (percent < 0 || percent > 100)
            {
                throw new ArgumentOutOfRangeException("percent", "battery level is 0-100 %");
            }

            if (Level.Value[0] == percent)
            {
                return;
            }

            _buffer[0] = (byte)percent;
            Publish(Level, _buffer, 1);
        }
    }
}
