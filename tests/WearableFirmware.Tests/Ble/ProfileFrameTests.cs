using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.Time;
using Xunit;

namespace WearableFirmware.Tests.Ble;

/// <summary>Whole characteristic values worked byte by byte from the service specifications.</summary>
public class ProfileFrameTests
{
    private static string Hex(byte[] b, int length) => Convert.ToHexString(b, 0, length);

    [Fact]
    public void Heart_rate_measurement_uint8_with_contact_and_two_rr_intervals()
    {
        // HRS 1.0 / GSS 0x2A37: flags = contact supported (0x04) | detected (0x02) | RR present (0x10) = 0x16;
        // HR 72 = 0x48 as uint8; RR 800 ms = 819.2/1024 s -> 819 = 0x0333; 1000 ms -> 1024 = 0x0400 (little-endian).
        var hrs = new HeartRateService();
        hrs.AddRrIntervalMilliseconds(800);
        hrs.AddRrIntervalMilliseconds(1000);
        var buffer = new byte[20];
        int length = hrs.EncodeMeasurement(buffer, 20, 72, true);
        Assert.Equal("1648" + "3303" + "0004", Hex(buffer, length));
        Assert.Equal(0, hrs.PendingRrIntervals);
    }

    [Fact]
    public void Heart_rate_above_255_uses_uint16_and_no_contact_clears_bit_1()
    {
        // flags = uint16 format (0x01) | contact supported (0x04) = 0x05; 300 = 0x012C little-endian.
        var buffer = new byte[20];
        int length = new HeartRateService().EncodeMeasurement(buffer, 20, 300, false);
        Assert.Equal("052C01", Hex(buffer, length));
    }

    [Fact]
    public void Rr_intervals_that_do_not_fit_wait_for_the_next_notification()
    {
        // Default MTU 23 -> 20-byte values: flags + uint8 HR leave room for 9 RR intervals.
        var hrs = new HeartRateService();
        for (int i = 0; i < 12; i++)
        {
            hrs.AddRrInterval((ushort)(1000 + i));
        }

        var buffer = new byte[20];
        Assert.Equal(20, hrs.EncodeMeasurement(buffer, 20, 60, true));
        Assert.Equal(1000, buffer[2] | (buffer[3] << 8));
        Assert.Equal(1008, buffer[18] | (buffer[19] << 8));
        Assert.Equal(3, hrs.PendingRrIntervals);
        Assert.Equal(8, hrs.EncodeMeasurement(buffer, 20, 60, true));
        Assert.Equal(1009, buffer[2] | (buffer[3] << 8));
        Assert.Equal(0, hrs.DiscardedRrIntervals);
    }

    [Fact]
    public void Plx_continuous_measurement_frame()
    {
        // PLXS 1.0 / GSS 0x2A5F: flags = Measurement Status (0x04) | Device and Sensor Status (0x08) | PAI (0x10) = 0x1C;
        // SpO2 97.5 % -> SFLOAT 0xF3CF; PR 72.0 bpm at 0.1 -> m = 720 = 0x2D0 -> 0xF2D0;
        // Measurement Status = Measurement Ongoing (bit 5) = 0x0020; Device and Sensor Status 0 (3 bytes);
        // PAI 2.5 % at 0.01 -> m = 250 = 0x0FA, e = -2 -> 0xE0FA.
        var buffer = new byte[12];
        int length = PulseOximeterService.EncodeContinuous(buffer, 97.5f, 72f, PlxMeasurementStatus.MeasurementOngoing, 0, 2.5f);
        Assert.Equal("1C" + "CFF3" + "D0F2" + "2000" + "000000" + "FAE0", Hex(buffer, length));
    }

    [Fact]
    public void Plx_continuous_without_a_reading_sends_NaN_and_measurement_unavailable()
    {
        // NaN SFLOAT = 0x07FF; Measurement Unavailable = bit 13 = 0x2000; Sensor Unconnected to User = bit 11 = 0x000800.
        var buffer = new byte[12];
        int length = PulseOximeterService.EncodeContinuous(buffer, float.NaN, float.NaN, 0, PlxDeviceSensorStatus.SensorUnconnectedToUser, float.NaN);
        Assert.Equal("1C" + "FF07" + "FF07" + "0020" + "000800" + "FF07", Hex(buffer, length));
    }

    [Fact]
    public void Plx_spot_check_from_storage_with_timestamp()
    {
        // GSS 0x2A5E: flags = Timestamp (0x01) | Measurement Status (0x02) | Device and Sensor Status (0x04) | PAI (0x08) = 0x0F;
        // SpO2 96.0 -> m = 960 = 0x3C0 -> 0xF3C0; PR 64.0 -> m = 640 = 0x280 -> 0xF280;
        // Date Time 2026-01-15 08:30:05 -> year 2026 = 0x07EA, 01, 0F, 08, 1E, 05;
        // Measurement Status = Data from Measurement Storage (bit 9) = 0x0200; DSS 0; PAI 1.00 -> m = 100 = 0x064 -> 0xE064.
        long t = CivilTime.ToUnixSeconds(2026, 1, 15, 8, 30, 5);
        var buffer = new byte[19];
        int length = PulseOximeterService.EncodeSpotCheck(buffer, 96f, 64f, true, t, 0, 0, 1f, true);
        Assert.Equal("0F" + "C0F3" + "80F2" + "EA07010F081E05" + "0002" + "000000" + "64E0", Hex(buffer, length));
    }

    [Fact]
    public void Plx_spot_check_before_the_clock_is_set_has_no_timestamp_and_says_so()
    {
        // flags = status fields (0x02|0x04|0x08) | Device Clock is Not Set (0x10) = 0x1E, no Date Time field.
        var buffer = new byte[19];
        int length = PulseOximeterService.EncodeSpotCheck(buffer, 96f, 64f, false, 123, 0, 0, 1f, false);
        Assert.Equal("1E" + "C0F3" + "80F2" + "0000" + "000000" + "64E0", Hex(buffer, length));
    }

    [Fact]
    public void Plx_features_value()
    {
        // Supported Features: Measurement Status (0x01) | Device and Sensor Status (0x02) | storage (0x04) | timestamp (0x08)
        //   | PAI (0x40) | Multiple Bonds (0x80) = 0x00CF;
        // Measurement Status support: bits 5,6,7,9,11,13,14,15 = 0xEAE0; Device and Sensor Status support: bits 1,3,4,5,6,7,9,10,11,13,14 = 0x006EFA.
        var plx = new PulseOximeterService();
        Assert.Equal("CF00" + "E0EA" + "FA6E00", Hex(plx.Features.Value, plx.Features.ValueLength));
    }

    [Fact]
    public void Current_time_value()
    {
        // CTS 1.1 / GSS 0x2A2B: 2026-11-24 13:45:30, a Tuesday (Day of Week 2), Fractions256 0, adjust reason manual (0x01):
        // EA07 0B 18 0D 2D 1E 02 00 01.
        var buffer = new byte[10];
        CurrentTimeService.Encode(buffer, true, CivilTime.ToUnixSeconds(2026, 11, 24, 13, 45, 30), 0x01);
        Assert.Equal("EA070B180D2D1E020001", Hex(buffer, 10));
        CurrentTimeService.Encode(buffer, false, 0, 0);
        Assert.Equal("00000000000000000000", Hex(buffer, 10));
    }

    [Fact]
    public void System_id_and_serial_come_from_the_device_address()
    {
        // DIS 3.7.2.1: address 24:6F:28:1A:2B:3C -> OUI 0x246F28, company part 0x1A2B3C,
        // System ID 0x246F28_FFFE_1A2B3C sent as manufacturer identifier (40 bits) then OUI, little-endian.
        byte[] address = [0x24, 0x6F, 0x28, 0x1A, 0x2B, 0x3C];
        Assert.Equal("3C2B1AFEFF286F24", Convert.ToHexString(DeviceInformationService.SystemIdFromAddress(address)));
        Assert.Equal("246F281A2B3C", DeviceInformationService.SerialFromAddress(address));
        Assert.Throws<ArgumentException>(() => DeviceInformationService.SerialFromAddress([1, 2, 3]));
    }

    [Fact]
    public void Regulatory_certification_data_list_is_mder()
    {
        // 11073-20601 MDER, big-endian: count 1, length 6, auth-body continua (2), struc-type regulation (3),
        // ANY length 2, regulation-bit-field with unregulated-device (bit 0 = MSB) set = 0x8000.
        Assert.Equal("0001000602030002" + "8000", Convert.ToHexString(DeviceInformationService.RegulatoryCertificationData));
    }

    [Fact]
    public void Fall_event_frame()
    {
        // id 7 = 0700; kind confirmed 02; flags calendar 01; time 1795527930 = 0x6B0594FA -> FA94056B;
        // impact 3.2 g at 0.01 -> m = 320 = 0x140 -> 0xE140; posture lying 03; HR 88 -> 0x0058; SpO2 95.0 -> 950 = 0x3B6 -> 0xF3B6.
        var buffer = new byte[15];
        int length = FallAlertService.EncodeFallEvent(buffer, 7, FallEventKind.Confirmed, FallAlertService.EventFlagCalendarTime, 1795527930, 3.2f, FallPosture.Lying, 88f, 95f);
        Assert.Equal("0700" + "02" + "01" + "FA94056B" + "40E1" + "03" + "5800" + "B6F3", Hex(buffer, length));
    }

    [Fact]
    public void Fall_event_frame_from_before_a_restart()
    {
        // flags 02: seconds since an earlier boot; time 86400 = 0x00015180 -> 80510100; impact 4.5 g -> 450 = 0x1C2
        // -> 0xE1C2; HR 95 -> 0x005F; SpO2 97.0 -> 970 = 0x3CA -> 0xF3CA. Only the two time bits are ever set.
        var buffer = new byte[15];
        int length = FallAlertService.EncodeFallEvent(buffer, 7, FallEventKind.Confirmed, FallAlertService.EventFlagEarlierBoot | 0x80, 86400, 4.5f, FallPosture.Lying, 95f, 97f);
        Assert.Equal("0700" + "02" + "02" + "80510100" + "C2E1" + "03" + "5F00" + "CAF3", Hex(buffer, length));
    }

    [Fact]
    public void Advertising_data_and_scan_response_fit_31_bytes()
    {
        // Flags 02 01 06 | Appearance 03 19 42 0C | Incomplete 16-bit UUIDs 05 02 0D 18 22 18 |
        // Complete 128-bit UUIDs 11 07 + 584b0001-5c8b-44d3-94b7-4836cbf4bcd4 little-endian.
        var adv = new byte[31];
        int length = Advertising.BuildForProfile(adv);
        Assert.Equal(31, length);
        Assert.Equal("020106" + "0319420C" + "0502" + "0D182218" + "1107" + "D4BCF4CB3648B794D3448B5C01004B58", Hex(adv, length));
        var scan = new byte[31];
        int scanLength = Advertising.BuildScanResponse(scan, FirmwareIdentity.Model);
        Assert.Equal(2 + FirmwareIdentity.Model.Length, scanLength);
        Assert.Equal(0x09, scan[1]);
        Assert.Throws<ArgumentException>(() => Advertising.BuildScanResponse(new byte[64], new string('x', 30)));
    }

    [Fact]
    public void Advertising_is_fast_for_30_s_after_boot_or_disconnect_then_slow()
    {
        var schedule = new AdvertisingSchedule();
        schedule.Restart(0);
        Assert.Equal(48, schedule.IntervalUnits(29_999_999));
        Assert.Equal(1636, schedule.IntervalUnits(30_000_000));
        schedule.Restart(100_000_000);
        Assert.True(schedule.IsFast(100_000_001));
    }

    [Fact]
    public void Hot_path_encoders_allocate_nothing()
    {
        static (HeartRateService Hrs, byte[] Buffer) Build()
        {
            var hrs = new HeartRateService();
            var buffer = new byte[244];
            PulseOximeterService.EncodeContinuous(buffer, 97f, 60f, 0, 0, 1f);
            PulseOximeterService.EncodeSpotCheck(buffer, 97f, 60f, true, 1, 0, 0, 1f, false);
            hrs.AddRrInterval(1000);
            hrs.EncodeMeasurement(buffer, 20, 60, true);
            return (hrs, buffer);
        }

        long allocated = Allocation.Of(Build, s =>
        {
            for (int i = 0; i < 5000; i++)
            {
                s.Hrs.AddRrIntervalMilliseconds(800 + i % 200);
                s.Hrs.EncodeMeasurement(s.Buffer, 20, 60 + i % 100, true);
                PulseOximeterService.EncodeContinuous(s.Buffer, 90f + i % 10, 60f, 0, 0, 1.5f);
                PulseOximeterService.EncodeSpotCheck(s.Buffer, 97f, 60f, true, 1_700_000_000 + i, 0, 0, 1f, false);
                FallAlertService.EncodeFallEvent(s.Buffer, i, FallEventKind.Detected, FallAlertService.EventFlagCalendarTime, i, 2.5f, FallPosture.Lying, 70f, 97f);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Publishing_through_a_notifier_allocates_nothing()
    {
        static (HealthProfile Profile, CountingNotifier Sink) Build()
        {
            var profile = new HealthProfile(new WallClock(new VirtualClock()), [1, 2, 3, 4, 5, 6]);
            var sink = new CountingNotifier();
            profile.AttachNotifier(sink);
            profile.HeartRate.AddRrInterval(900);
            profile.HeartRate.NotifyMeasurement(60, true);
            profile.PulseOximeter.NotifyContinuous(97f, 60f, 0, 0, 1f);
            profile.Battery.SetLevel(50);
            return (profile, sink);
        }

        long allocated = Allocation.Of(Build, s =>
        {
            for (int i = 0; i < 5000; i++)
            {
                s.Profile.HeartRate.AddRrIntervalMilliseconds(800 + i % 300);
                s.Profile.HeartRate.NotifyMeasurement(60 + i % 60, true);
                s.Profile.PulseOximeter.NotifyContinuous(95f + i % 5, 60f, 0, 0, 1.2f);
                s.Profile.PulseOximeter.SendSpotCheck(95f, 60f, true, 1_700_000_000 + i, 0, 0, 1f, false);
                s.Profile.Battery.SetLevel(i % 101);
            }
        }, out var measured);

        Assert.Equal(0, allocated);
        Assert.Equal(3 + 5000 * 4, measured.Sink.Sent);   // consecutive battery levels here always differ, so each one notifies
    }

    private sealed class CountingNotifier : IGattNotifier
    {
        public int Sent { get; private set; }

        public int MaxPayloadLength(GattCharacteristic characteristic) => 20;


        public bool SendTo(IGattLink link, GattCharacteristic characteristic, byte[] value, int length) => Send(characteristic, value, length);

        public bool Send(GattCharacteristic characteristic, byte[] value, int length)
        {
            Sent++;
            return true;
        }
    }

    [Fact]
    public void Uuid_parse_and_format()
    {
        var uuid = BleUuid.Parse(FallAlertService.ServiceUuid);
        Assert.False(uuid.Is16Bit);
        Assert.Equal(FallAlertService.ServiceUuid, uuid.ToString());
        var sig = BleUuid.Parse("0000180D-0000-1000-8000-00805F9B34FB");
        Assert.True(sig.Is16Bit);
        Assert.Equal(0x180D, sig.ShortCode);
        Assert.True(sig.SameAs(BleUuid.FromShortCode(0x180D)));
        Assert.Throws<ArgumentException>(() => BleUuid.Parse("584b0001-5c8b-44d3-94b7-4836cbf4bcdz"));
    }
}

public class CivilTimeTests
{
    [Theory]
    [InlineData(1970, 1, 1, 0L)]
    [InlineData(2000, 3, 1, 11017L)]   // 30 years incl. 7 leap days (72..96) + Jan/Feb 2000 (60 days): 10957 + 60
    [InlineData(1969, 12, 31, -1L)]
    [InlineData(1600, 2, 29, -135081L)]
    public void Days_from_civil(int y, int m, int d, long days)
    {
        Assert.Equal(days, CivilTime.DaysFromCivil(y, m, d));
    }

    [Fact]
    public void Matches_the_host_calendar_over_random_instants()
    {
        var random = new Random(1805);
        for (int i = 0; i < 20000; i++)
        {
            long seconds = (long)((random.NextDouble() * 2 - 0.5) * 200L * 365 * 86400);
            var expected = DateTime.UnixEpoch.AddSeconds(seconds);
            CivilTime.FromUnixSeconds(seconds, out int y, out int mo, out int d, out int h, out int mi, out int s);
            Assert.Equal((expected.Year, expected.Month, expected.Day, expected.Hour, expected.Minute, expected.Second), (y, mo, d, h, mi, s));
            Assert.Equal(seconds, CivilTime.ToUnixSeconds(y, mo, d, h, mi, s));
            int iso = expected.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)expected.DayOfWeek;
            Assert.Equal(iso, CivilTime.DayOfWeek(seconds));
        }
    }

    [Fact]
    public void Validation()
    {
        Assert.True(CivilTime.IsValid(2024, 2, 29, 23, 59, 59));
        Assert.False(CivilTime.IsValid(2023, 2, 29, 0, 0, 0));
        Assert.False(CivilTime.IsValid(1900, 2, 29, 0, 0, 0));
        Assert.True(CivilTime.IsValid(2000, 2, 29, 0, 0, 0));
        Assert.False(CivilTime.IsValid(2024, 13, 1, 0, 0, 0));
        Assert.False(CivilTime.IsValid(2024, 4, 31, 0, 0, 0));
        Assert.False(CivilTime.IsValid(2024, 1, 1, 24, 0, 0));
        Assert.False(CivilTime.IsValid(0, 1, 1, 0, 0, 0));
    }
}
