using WearableFirmware.Alarms;

namespace WearableFirmware.Ble
{
    /// <summary>Takes alarm settings a bonded phone wrote and that lie within bounds.</summary>
    public interface IAlarmSettingsListener
    {
        /// <summary>
        /// Keeps and applies <paramref name="settings"/> (copy them: the instance is reused). Returns
        /// <see cref="AttErrorCode.Success"/>, or <see cref="AttErrorCode.WriteRequestRejected"/> when they could not be
        /// kept on flash (then nothing changes).
        /// </summary>
        byte OnSettingsWritten(AlarmSettings settings);
    }
}
