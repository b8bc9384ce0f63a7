namespace WearableFirmware.Ble
{
    /// <summary>
    /// ATT error codes (Core Specification Vol 3 Part F 3.4.1.1), the Common Profile and Service error codes
    /// (Core Specification Supplement Part B) and this profile's application errors (0x80-0x9F, defined per service).
    /// <see cref="Success"/> (0) is how handlers report "no error".
    /// </summary>
    public static class AttErrorCode
    {
        public const byte Success = 0x00;
        public const byte InvalidHandle = 0x01;
        public const byte ReadNotPermitted = 0x02;
        public const byte WriteNotPermitted = 0x03;
        public const byte InvalidPdu = 0x04;
        public const byte InsufficientAuthentication = 0x05;
        public const byte RequestNotSupported = 0x06;
        public const byte InvalidOffset = 0x07;
        public const byte InsufficientAuthorization = 0x08;
        public const byte PrepareQueueFull = 0x09;
        public const byte AttributeNotFound = 0x0A;
        public const byte AttributeNotLong = 0x0B;
        public const byte InvalidAttributeValueLength = 0x0D;
        public const byte UnlikelyError = 0x0E;
        public const byte InsufficientEncryption = 0x0F;
        public const byte UnsupportedGroupType = 0x10;
        public const byte InsufficientResources = 0x11;

        /// <summary>Current Time Service: the value was accepted but some fields were ignored.</summary>
        public const byte CurrentTimeDataFieldIgnored = 0x80;

        /// <summary>Fall alert control: op code not defined.</summary>
        public const byte FallAlertOpCodeNotSupported = 0x80;

        /// <summary>Fall alert control: the event id is not the active alert.</summary>
        public const byte FallAlertUnknownEvent = 0x81;

        /// <summary>Fall alert control: the operation does not apply in the current alert state.</summary>
        public const byte FallAlertInvalidState = 0x82;

        /// <summary>Common profile error: the write was refused although well formed (e.g. it could not be kept).</summary>
        public const byte WriteRequestRejected = 0xFC;

        public const byte CccdImproperlyConfigured = 0xFD;
        public const byte ProcedureAlreadyInProgress = 0xFE;
        public const byte OutOfRange = 0xFF;
    }
}
