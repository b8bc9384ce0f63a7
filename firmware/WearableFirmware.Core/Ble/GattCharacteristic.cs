using System;

namespace WearableFirmware.Ble
{
    /// <summary>
    /// One characteristic of the attribute table: UUID, properties, what security reading (and subscribing) and
    /// writing need, a user description, and its current readable value in a preallocated buffer. The owning
    /// service validates writes; <see cref="GattAccess"/> checks properties and security before that.
    /// </summary>
    public sealed class GattCharacteristic
    {
        private readonly byte[] _value;

        public GattCharacteristic(BleUuid uuid, byte properties, GattSecurity readSecurity, GattSecurity writeSecurity,
            string userDescription, int maxValueLength)
        {
            if (uuid == null)
            {
                throw new ArgumentNullException("uuid");
            }

            Uuid = uuid;
            Properties = properties;
            ReadSecurity = readSecurity;
            WriteSecurity = writeSecurity;
            UserDescription = userDescription;
            _value = new byte[maxValueLength];
        }

        public BleUuid Uuid { get; }

        /// <summary>Bits of <see cref="GattProperties"/>.</summary>
        public byte Properties { get; }

        /// <summary>Needed to read the value and to write its Client Characteristic Configuration descriptor.</summary>
        public GattSecurity ReadSecurity { get; }

        public GattSecurity WriteSecurity { get; }

        /// <summary>Text of the Characteristic User Description descriptor, or null for none.</summary>
        public string UserDescription { get; }

        /// <summary>The service that owns this characteristic (set when the service is built).</summary>
        public GattService Service { get; internal set; }

        /// <summary>Largest value the characteristic ever holds or accepts.</summary>
        public int MaxValueLength
        {
            get { return _value.Length; }
        }

        /// <summary>Current value for reads (and the last notified value for notify-only characteristics).</summary>
        public byte[] Value
        {
            get { return _value; }
        }

        public int ValueLength { get; private set; }

        public bool CanRead
        {
            get { return (Properties & GattProperties.Read) != 0; }
        }

        public bool CanWrite
        {
            get { return (Properties & (GattProperties.Write | GattProperties.WriteWithoutResponse)) != 0; }
        }

        public bool CanNotify
        {
            get { return (Properties & GattProperties.Notify) != 0; }
        }

        public bool CanIndicate
        {
            get { return (Properties & GattProperties.Indicate) != 0; }
        }

        /// <summary>True when a Client Characteristic Configuration descriptor belongs to it.</summary>
        public bool HasCccd
        {
            get { return (Properties & (GattProperties.Notify | GattProperties.Indicate)) != 0; }
        }

        /// <summary>Replaces the readable value with <paramref name="length"/> bytes of <paramref name="source"/>.</summary>
        public void SetValue(byte[] source, int length)
        {
            if (length < 0 || length > _value.Length)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            if (source != _value)
            {
                Array.Copy(source, _value, length);
            }

            ValueLength = length;
        }
    }
}
