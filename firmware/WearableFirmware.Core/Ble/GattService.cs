namespace WearableFirmware.Ble
{
    /// <summary>
    /// A primary service: its UUID, its characteristics in declaration order, and the write validation that is
    /// specific to it. Reads are served from each characteristic's current value.
    /// </summary>
    public abstract class GattService
    {
        protected GattService(BleUuid uuid, GattCharacteristic[] characteristics)
        {
            Uuid = uuid;
            Characteristics = characteristics;
            for (int i = 0; i < characteristics.Length; i++)
            {
                characteristics[i].Service = this;
            }
        }

        public BleUuid Uuid { get; }

        public GattCharacteristic[] Characteristics { get; }

        /// <summary>Where notifications and indications go; null until a server is attached.</summary>
        public IGattNotifier Notifier { get; set; }

        /// <summary>Brings a value that changes by itself (the time of day) up to date before a read is served.</summary>
        public virtual void PrepareRead(GattCharacteristic characteristic)
        {
        }

        /// <summary>
        /// Validates and applies a write whose properties and security <see cref="GattAccess"/> already checked.
        /// Returns <see cref="AttErrorCode.Success"/> or the ATT/application error; on error nothing changes.
        /// </summary>
        public virtual byte Write(GattCharacteristic characteristic, IGattLink link, byte[] data, int offset, int length)
        {
            return AttErrorCode.WriteNotPermitted;
        }

        /// <summary>Stores the new readable value and sends it to subscribers, if any.</summary>
        protected bool Publish(GattCharacteristic characteristic, byte[] value, int length)
        {
            characteristic.SetValue(value, length);
            IGattNotifier notifier = Notifier;
            return notifier != null && notifier.Send(characteristic, characteristic.Value, length);
        }

        /// <summary>Stores the new value and sends it to one peer (see <see cref="IGattNotifier.SendTo"/>).</summary>
        protected bool PublishTo(IGattLink link, GattCharacteristic characteristic, byte[] value, int length)
        {
            characteristic.SetValue(value, length);
            IGattNotifier notifier = Notifier;
            return notifier != null && notifier.SendTo(link, characteristic, characteristic.Value, length);
        }

        /// <summary>ATT_MTU - 3 over the subscribers, 0 when there are none or no server is attached.</summary>
        protected int MaxPayloadLength(GattCharacteristic characteristic)
        {
            IGattNotifier notifier = Notifier;
            return notifier == null ? 0 : notifier.MaxPayloadLength(characteristic);
        }
    }
}
