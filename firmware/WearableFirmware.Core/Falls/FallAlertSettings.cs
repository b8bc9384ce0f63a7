namespace WearableFirmware.Falls
{
    /// <summary>Timing and capacity of <see cref="FallAlertStateMachine"/>.</summary>
    public sealed class FallAlertSettings
    {
        /// <summary>30 s: long enough to get up and press the button, short enough for help to come quickly.</summary>
        public const int DefaultCancelWindowSeconds = 30;

        /// <summary>A long press is deliberate: it confirms at once unless a window is configured.</summary>
        public const int DefaultManualCancelWindowSeconds = 0;

        /// <summary>Resend an unacknowledged alert after this long (connected phone, lost indication).</summary>
        public const int DefaultAcknowledgeTimeoutSeconds = 10;

        /// <summary>Confirmed alerts kept for the phone while none is connected.</summary>
        public const int DefaultPendingCapacity = 8;

        public int CancelWindowSeconds { get; set; } = DefaultCancelWindowSeconds;
        public int ManualCancelWindowSeconds { get; set; } = DefaultManualCancelWindowSeconds;
        public int AcknowledgeTimeoutSeconds { get; set; } = DefaultAcknowledgeTimeoutSeconds;
        public int PendingCapacity { get; set; } = DefaultPendingCapacity;
    }
}
