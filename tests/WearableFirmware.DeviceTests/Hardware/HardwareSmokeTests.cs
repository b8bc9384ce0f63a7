using System;
using System.Threading;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using nanoFramework.TestFramework;
using WearableFirmware.Ble;
using WearableFirmware.Platform.Ble;
using WearableFirmware.Drivers;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Falls;
using WearableFirmware.Platform.Esp32;
using WearableFirmware.Platform.Peripherals;
using WearableFirmware.Time;
using GattCharacteristic = WearableFirmware.Ble.GattCharacteristic;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// Smoke tests for the assembled reference build (ESP32 DevKit + MAX30102 + ADXL345, hardware-notes/wiring.md).
    /// The TestFramework cannot tell a test which runsettings ran it, so <see cref="RequireEsp32"/> (run once
    /// before the class) skips every test here unless the code runs on an ESP32: on the virtual device they are
    /// reported as skipped, with nano.hardware.runsettings they run. The skip is visible in the results.
    /// </summary>
    [TestClass]
    public static class HardwareSmokeTests
    {
        private const int SampleWindowMilliseconds = 2000;
        private const int DrainIntervalMilliseconds = 100;

        [Setup]
        public static void RequireEsp32()
        {
            if (!SmokeTestBoard.IsEsp32)
            {
                // The launcher then reports this Setup as skipped and runs nothing else of the class.
                Assert.SkipTest(string.Concat("hardware smoke tests need the ESP32 reference build (nano.hardware.runsettings); this is ",
                    SmokeTestBoard.Description));
            }
        }

        [TestMethod]
        public static void Max30102_answers_with_its_part_id()
        {
            I2cRegisterBus bus = SmokeTestBoard.OpenBus(Max30102.DefaultAddress);
            try
            {
                Max30102 sensor = new Max30102(bus, new Esp32Clock(), new Max3010xSettings());
                bool started = sensor.Start();
                Assert.AreEqual(Max30102.ExpectedPartId, sensor.PartIdRead, "MAX30102 PART_ID (register 0xFF)");
                Assert.IsTrue(started, "MAX30102 start and configuration read-back");
            }
            finally
            {
                bus.Dispose();
            }
        }

        [TestMethod]
        public static void Adxl345_answers_with_its_device_id()
        {
            I2cRegisterBus bus = SmokeTestBoard.OpenBus(Adxl345.DefaultAddress);
            try
            {
                byte[] register = new byte[] { (byte)WearableFirmware.Drivers.Adxl345.Register.DevId };
                byte[] value = new byte[1];
                Assert.AreEqual((int)WearableFirmware.Drivers.BusStatus.Ok, (int)bus.WriteRead(register, 1, value, 0, 1), "DEVID read");
                Assert.AreEqual(Adxl345.ExpectedDeviceId, value[0], "ADXL345 DEVID");
                Adxl345 accelerometer = new Adxl345(bus, new Esp32Clock(), FallSensing.AccelerometerSettings());
                Assert.IsTrue(accelerometer.Start(), accelerometer.DescribeLastError());
            }
            finally
            {
                bus.Dispose();
            }
        }

        [TestMethod]
        public static void Max30102_fifo_fills_at_the_configured_rate()
        {
            I2cRegisterBus bus = SmokeTestBoard.OpenBus(Max30102.DefaultAddress);
            Esp32Clock clock = new Esp32Clock();
            try
            {
                Max3010xSettings settings = new Max3010xSettings();
                Max30102 sensor = new Max30102(bus, clock, settings);
                Assert.IsTrue(sensor.Start(), "MAX30102 start");
                double expected = 1000000.0 / settings.OutputPeriodMicroseconds;
                double rate = MeasureRate(clock, sensor, null);

                // Within 5 %: the neighbouring settings (half or double the rate, or averaging) are far outside it.
                Assert.IsTrue(rate > expected * 0.95 && rate < expected * 1.05,
                    "MAX30102 samples per second: " + DecimalText.Fixed((float)rate, 1) + ", configured " + DecimalText.Fixed((float)expected, 1));
            }
            finally
            {
                bus.Dispose();
            }
        }

        [TestMethod]
        public static void Adxl345_fifo_fills_at_the_configured_rate()
        {
            I2cRegisterBus bus = SmokeTestBoard.OpenBus(Adxl345.DefaultAddress);
            Esp32Clock clock = new Esp32Clock();
            try
            {
                Adxl345 accelerometer = new Adxl345(bus, clock, FallSensing.AccelerometerSettings());
                Assert.IsTrue(accelerometer.Start(), accelerometer.DescribeLastError());
                double expected = 1000000000.0 / accelerometer.SamplePeriodNanoseconds;
                double rate = MeasureRate(clock, null, accelerometer);

                // Within 10 %: the chip runs from its internal oscillator; the neighbouring rates (half, double) are far outside.
                Assert.IsTrue(rate > expected * 0.9 && rate < expected * 1.1,
                    "ADXL345 samples per second: " + DecimalText.Fixed((float)rate, 1) + ", configured " + DecimalText.Fixed((float)expected, 1));
            }
            finally
            {
                bus.Dispose();
            }
        }

        [TestMethod]
        public static void Ble_services_of_the_profile_are_created()
        {
            HealthProfile profile = new HealthProfile(new WallClock(new Esp32Clock()), new byte[] { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 });
            BluetoothLEServer.Instance.DeviceName = "WearableFirmware-test";

            // Heart Rate first, as the application does: the first service created becomes the primary one and
            // brings the stack's default Device Information service, which the profile's own then replaces.
            CreateService(profile.HeartRate);
            for (int s = 0; s < profile.Services.Length; s++)
            {
                if (profile.Services[s] != profile.HeartRate)
                {
                    CreateService(profile.Services[s]);
                }
            }
        }

        // Creates one service with the mapping the application's BLE adapter uses (GattMapping).
        private static void CreateService(GattService service)
        {
            GattServiceProviderResult result = GattServiceProvider.Create(GattMapping.ToGuid(service.Uuid));
            Assert.AreEqual((int)BluetoothError.Success, (int)result.Error, "service " + service.Uuid.ToString());
            for (int c = 0; c < service.Characteristics.Length; c++)
            {
                GattCharacteristic portable = service.Characteristics[c];
                GattLocalCharacteristicParameters parameters = new GattLocalCharacteristicParameters();
                parameters.CharacteristicProperties = GattMapping.ToProperties(portable.Properties);
                parameters.ReadProtectionLevel = GattMapping.ToProtection(portable.ReadSecurity);
                parameters.WriteProtectionLevel = GattMapping.ToProtection(portable.WriteSecurity);
                GattLocalCharacteristicResult created = result.ServiceProvider.Service.CreateCharacteristic(GattMapping.ToGuid(portable.Uuid), parameters);
                Assert.AreEqual((int)BluetoothError.Success, (int)created.Error, "characteristic " + portable.Uuid.ToString());
            }
        }


        // Drains every 100 ms for 2 s (after one drain that empties the FIFO) and returns samples per second.
        private static double MeasureRate(Esp32Clock clock, Max30102 ppg, Adxl345 motion)
        {
            Drain(ppg, motion);
            long start = clock.NowMicroseconds;
            int samples = 0;
            while (clock.NowMicroseconds - start < SampleWindowMilliseconds * 1000L)
            {
                Thread.Sleep(DrainIntervalMilliseconds);
                samples += Drain(ppg, motion);
            }

            samples += Drain(ppg, motion);
            long elapsed = clock.NowMicroseconds - start;
            return samples * 1000000.0 / elapsed;
        }

        private static int Drain(Max30102 ppg, Adxl345 motion)
        {
            return ppg != null ? ppg.Drain() : motion.Drain();
        }
    }
}
