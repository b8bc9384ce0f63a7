using WearableFirmware.Ble;
using WearableFirmware.Drivers;
using WearableFirmware.Vitals;

namespace WearableFirmware.Application
{
    /// <summary>
    /// One place that turns what the firmware knows about its sensors and signal into the PLX status fields a phone
    /// reads (Measurement Status and Device and Sensor Status), so a reading is never sent without saying how good
    /// it is and a broken sensor is always visible. The reading comes by reference: a copy would allocate on nanoCLR.
    /// </summary>
    public static class DeviceStatus
    {
        /// <summary>PLX Device and Sensor Status bits for the current reading and sensor health.</summary>
        public static int DeviceAndSensorStatus(ref VitalsReading reading, HealthState ppgHealth, HealthState motionHealth)
        {
            int status = 0;
            if (ppgHealth == HealthState.Failed)
            {
                status |= PlxDeviceSensorStatus.SensorMalfunctioning | PlxDeviceSensorStatus.EquipmentMalfunctionDetected;
            }
            else if (FallDetectionUnavailable(motionHealth))
            {
                // The oximeter still works; fall detection does not (or may miss a fall): an equipment problem, for
                // as long as it lasts, as Fall Detection Status says on the fall alert service.
                status |= PlxDeviceSensorStatus.EquipmentMalfunctionDetected;
            }

            if (reading.Contact == SensorContact.NoContact)
            {
                status |= PlxDeviceSensorStatus.SensorUnconnectedToUser;
            }

            if (reading.AmbientLightOverflow)
            {
                status |= PlxDeviceSensorStatus.SensorInterferenceDetected;
            }

            SignalQuality q = reading.Quality;
            if ((q & SignalQuality.Inadequate) != 0)
            {
                status |= PlxDeviceSensorStatus.InadequateSignalDetected;
            }

            if ((q & SignalQuality.Poor) != 0)
            {
                status |= PlxDeviceSensorStatus.PoorSignalDetected;
            }

            if ((q & SignalQuality.LowPerfusion) != 0)
            {
                status |= PlxDeviceSensorStatus.LowPerfusionDetected;
            }

            if ((q & SignalQuality.Erratic) != 0)
            {
                status |= PlxDeviceSensorStatus.ErraticSignalDetected;
            }

            if ((q & SignalQuality.NonPulsatile) != 0)
            {
                status |= PlxDeviceSensorStatus.NonpulsatileSignalDetected;
            }

            return status;
        }

        /// <summary>
        /// The technical condition "fall detection unavailable": the accelerometer failed, or is Degraded (samples
        /// lost, transfers failing, re-initialised) and has not yet delivered its clean run since.
        /// </summary>
        public static bool FallDetectionUnavailable(HealthState motionHealth)
        {
            return motionHealth != HealthState.Ok;
        }

        /// <summary>PLX Measurement Status bits for the current reading.</summary>
        public static int MeasurementStatus(ref VitalsReading reading)
        {
            int status = 0;
            if (reading.Contact == SensorContact.Contact)
            {
                status |= PlxMeasurementStatus.MeasurementOngoing;
            }

            if (!reading.SpO2Valid || !reading.HeartRateValid)
            {
                status |= PlxMeasurementStatus.MeasurementUnavailable;
            }

            if (reading.MotionQuestionable)
            {
                status |= PlxMeasurementStatus.QuestionableMeasurementDetected;
            }

            return status;
        }
    }
}
