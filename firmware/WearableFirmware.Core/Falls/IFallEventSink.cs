namespace WearableFirmware.Falls
{
    /// <summary>Where every alert outcome is recorded (cancelled, confirmed, acknowledged), e.g. the record store.</summary>
    public interface IFallEventSink
    {
        /// <summary>Records the outcome; the instance is reused afterwards, so copy what you keep.</summary>
        void Record(FallAlertEvent alert);
    }
}
