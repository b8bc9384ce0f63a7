namespace WearableFirmware.Alarms
{
    /// <summary>Where alarm events go (the record store and the phone).</summary>
    public interface IAlarmEventSink
    {
        /// <summary>Called on the loop thread as the event happens; <paramref name="alarmEvent"/> is reused afterwards.</summary>
        void OnAlarmEvent(AlarmEvent alarmEvent);
    }
}
