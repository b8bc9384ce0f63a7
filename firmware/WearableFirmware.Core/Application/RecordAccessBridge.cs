using WearableFirmware.Ble;
using WearableFirmware.Sampling;
using WearableFirmware.Storage;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Joins the Record Access Control Point of the Pulse Oximeter service to the record store's RACP procedures:
    /// control point writes start a procedure (checked against the writer's subscriptions), stored spot-checks go
    /// out as PLX Spot-check Measurement indications flagged "from storage", and responses as RACP indications. The
    /// procedure advances one record per confirmed indication, polled every tick in the publish phase.
    /// </summary>
    public sealed class RecordAccessBridge : IRecordAccessHandler, IRecordTransport, ILoopTask
    {
        private readonly PulseOximeterService _service;
        private RacpControlPoint _racp;

        public RecordAccessBridge(PulseOximeterService service)
        {
            _service = service;
            service.RecordAccess = this;
        }

        /// <summary>The procedures this bridge serves (set once, after both exist).</summary>
        public void Attach(RacpControlPoint racp)
        {
            _racp = racp;
        }

        public bool ProcedureInProgress
        {
            get { return _racp.InProgress; }
        }

        public byte OnControlPointWrite(IGattLink link, byte[] data, int offset, int length)
        {
            return _racp.Write(data, offset, length, link.IsSubscribed(_service.RecordAccessControlPoint), link.IsSubscribed(_service.SpotCheck));
        }

        public bool SendStoredRecord(StoredRecord record)
        {
            if (record.Type != RecordType.SpotCheck)
            {
                return false;
            }

            int pai = SpotCheckPayload.PulseAmplitudeIndexHundredths(record);
            return _service.SendSpotCheck(
                SpotCheckPayload.Spo2Tenths(record) / 10f,
                SpotCheckPayload.PulseRateTenths(record) / 10f,
                record.ClockSet,
                record.Time,
                SpotCheckPayload.MeasurementStatus(record),
                SpotCheckPayload.DeviceAndSensorStatus(record),
                pai == SpotCheckPayload.NoPulseAmplitudeIndex ? float.NaN : pai / 100f,
                true);
        }

        public bool SendRacpResponse(byte[] value, int length)
        {
            return _service.SendRacpResponse(value, length);
        }

        /// <summary>The phone confirmed an indication on the Pulse Oximeter service.</summary>
        public void OnIndicationConfirmed(GattCharacteristic characteristic)
        {
            if (characteristic == _service.SpotCheck)
            {
                _racp.OnRecordConfirmed();
            }
            else if (characteristic == _service.RecordAccessControlPoint)
            {
                _racp.OnResponseConfirmed();
            }
        }

        public void OnDisconnected()
        {
            _racp.OnDisconnected();
        }

        public void Run(long nowMicroseconds)
        {
            _racp.Poll();
        }
    }
}
