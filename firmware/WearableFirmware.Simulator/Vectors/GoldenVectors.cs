using System.Globalization;
using System.Text;
using WearableFirmware.Alarms;
using WearableFirmware.Ble;
using WearableFirmware.Falls;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Storage;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Vectors;

/// <summary>
/// Golden vectors for the on-device parity tests: runs the portable core here on .NET and records its outputs for
/// fixed inputs — SFLOAT/FLOAT encodings, Heart Rate / PLX / Current Time / Fall Event frames, CRC-32 values,
/// encoded record-store slots, and vitals readings for a deterministic red/IR sequence. The same inputs and
/// expected outputs go to readable CSV files in tests/vectors/ and to one generated C# file the nanoFramework
/// test project compiles (static arrays only: no generics, nothing nanoCLR lacks). Everything here is a pure
/// function of the portable code, so regenerating gives identical text unless that code's behaviour changed.
/// Fall decisions come from a synthetic accelerometer sequence (a fall, then a jump) fed to FallDetector.Process,
/// wrist decisions from the simulated wearer's wrist fed to WristFallDetector.Process, alarm events from a hand-built
/// 1 Hz vitals sequence fed to AlarmEvaluator and AlarmSystem.
/// </summary>
public static class GoldenVectors
{
    public const string VectorsDirectory = "tests/vectors";
    public const string GeneratedSourcePath = "tests/WearableFirmware.DeviceTests/GoldenVectors.g.cs";

    /// <summary>Synthetic PPG: 15 s at 100 sps; readings taken after every 100th sample (once a second).</summary>
    public const int PpgSampleRateHz = 100;
    public const int PpgSeconds = 15;

    /// <summary>The shipped fall detector rate (FallSensing: the ADXL345 delivers it and every sample goes to the detector).</summary>
    public const int MotionSampleRateHz = FallSensing.SampleRateHz;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed class SFloatCase(float value, int exponent)
    {
        public float Value = value;
        public int Exponent = exponent;
    }

    private sealed class HrmCase(int bpm, bool contact, int maxLength, int[] rr)
    {
        public int Bpm = bpm;
        public bool Contact = contact;
        public int MaxLength = maxLength;
        public int[] RrMilliseconds = rr;
    }

    private sealed class PlxCase(float spo2, float pulse, int status, int deviceStatus, float pai, bool clockSet, long timestamp, bool fromStorage)
    {
        public float SpO2 = spo2;
        public float Pulse = pulse;
        public int Status = status;
        public int DeviceStatus = deviceStatus;
        public float Pai = pai;
        public bool ClockSet = clockSet;
        public long Timestamp = timestamp;
        public bool FromStorage = fromStorage;
    }

    private sealed class FallEventCase(int id, FallEventKind kind, int timeFlags, long time, float impact, FallPosture posture, float hr, float spo2)
    {
        public int Id = id;
        public FallEventKind Kind = kind;
        public int TimeFlags = timeFlags;
        public long Time = time;
        public float Impact = impact;
        public FallPosture Posture = posture;
        public float HeartRate = hr;
        public float SpO2 = spo2;
    }

    private sealed class SlotCase(int sequence, RecordType type, bool clockSet, uint time, byte[] payload)
    {
        public int Sequence = sequence;
        public RecordType Type = type;
        public bool ClockSet = clockSet;
        public uint Time = time;
        public byte[] Payload = payload;
    }

    /// <summary>Vitals for the alarm vectors: one row a second, readings in tenths (-1: no reading).</summary>
    private sealed class VitalsSegment(int fromSecond, int spo2Tenths, int pulseTenths, SensorContact contact, bool phoneConnected)
    {
        public int FromSecond = fromSecond;
        public int SpO2Tenths = spo2Tenths;
        public int PulseTenths = pulseTenths;
        public SensorContact Contact = contact;
        public bool PhoneConnected = phoneConnected;
    }

    // 2024-03-10 14:30:15 UTC, a Sunday.
    private const long SampleUnixSeconds = 1710081015;

    private static readonly SFloatCase[] SFloatCases =
    [
        new(97.5f, -1), new(72f, 0), new(72.04f, -1), new(0.05f, -2), new(-12.34f, -2), new(204.6f, -1), new(204.4f, -1),
        new(3.14159f, -3), new(2045f, 0), new(2046f, 0), new(1e9f, 0), new(-1e9f, 0), new(0f, -1), new(0.0004f, -3),
        new(float.NaN, -1), new(float.PositiveInfinity, 0), new(float.NegativeInfinity, 0), new(1.5f, -9), new(123456f, 8),
    ];

    private static readonly SFloatCase[] FloatCases =
    [
        new(36.6f, -1), new(-273.15f, -2), new(8388605f, 0), new(8388606f, 0), new(1e-3f, -5), new(float.NaN, 0),
        new(float.PositiveInfinity, 0),
    ];

    private static readonly HrmCase[] HrmCases =
    [
        new(72, true, 20, []),
        new(58, false, 20, []),
        new(300, true, 20, []),
        new(60, true, 20, [1000, 985, 1012]),
        new(75, true, 20, [800, 810, 790, 805, 795, 800, 812, 788, 801, 799, 803]),
        new(180, true, 244, [333, 334, 332, 335]),
        new(0, false, 20, []),
    ];

    private static readonly PlxCase[] ContinuousCases =
    [
        new(97.5f, 72f, 0, 0, 4.25f, false, 0, false),
        new(float.NaN, float.NaN, 0, PlxDeviceSensorStatus.SensorUnconnectedToUser, float.NaN, false, 0, false),
        new(88.2f, 131.6f, PlxMeasurementStatus.ValidatedData, PlxDeviceSensorStatus.LowPerfusionDetected, 0.18f, false, 0, false),
        new(100f, 250f, PlxMeasurementStatus.EarlyEstimatedData, 0, 20f, false, 0, false),
    ];

    private static readonly PlxCase[] SpotCheckCases =
    [
        new(97.5f, 72f, 0, 0, 4.25f, true, SampleUnixSeconds, false),
        new(95f, 64.3f, 0, 0, 1.5f, false, 0, false),
        new(91.7f, 88f, PlxMeasurementStatus.ValidatedData, PlxDeviceSensorStatus.PoorSignalDetected, 0.9f, true, 946684800, true),
        new(float.NaN, 70f, 0, PlxDeviceSensorStatus.InadequateSignalDetected, float.NaN, true, SampleUnixSeconds, false),
    ];

    private static readonly (bool ClockSet, long UnixSeconds, byte Adjust)[] CurrentTimeCases =
    [
        (true, SampleUnixSeconds, CurrentTimeService.AdjustManualTimeUpdate),
        (true, 951782400, 0),                 // 2000-02-29 00:00:00, leap day
        (true, 4102444799, CurrentTimeService.AdjustExternalReferenceTimeUpdate | CurrentTimeService.AdjustTimeZoneChange), // 2099-12-31 23:59:59
        (false, 0, 0),
    ];

    private static readonly FallEventCase[] FallEventCases =
    [
        new(1, FallEventKind.Detected, 0, 3725, 6.42f, FallPosture.Lying, 88f, 96.5f),
        new(2, FallEventKind.Confirmed, FallAlertService.EventFlagCalendarTime, SampleUnixSeconds, 12.5f, FallPosture.Lying, float.NaN, float.NaN),
        new(513, FallEventKind.Manual, FallAlertService.EventFlagCalendarTime, SampleUnixSeconds + 60, 0f, FallPosture.Unknown, 112f, 93.1f),
        new(65535, FallEventKind.Cancelled, 0, 0, 3.01f, FallPosture.Sitting, 70f, 99f),
        new(7, FallEventKind.Confirmed, FallAlertService.EventFlagEarlierBoot, 86400, 4.5f, FallPosture.Lying, 95f, 97f),
    ];

    private static readonly byte[][] CrcInputs =
    [
        "123456789"u8.ToArray(),
        [],
        [0x00],
        [0xFF, 0xFF, 0xFF, 0xFF],
        "WearableFirmware golden vector"u8.ToArray(),
        Enumerable.Range(0, 64).Select(i => (byte)(i * 37 + 11)).ToArray(),
    ];

    /// <summary>Every generated file, in a fixed order.</summary>
    public static IReadOnlyList<VectorFile> Generate()
    {
        var files = new List<VectorFile>();
        var cs = new StringBuilder();
        cs.Append("""
            // <auto-generated>
            // Golden vectors written by the host tool: dotnet run --project firmware/WearableFirmware.Simulator -- write-vectors
            // Do not edit: regenerate. A host test (tests/WearableFirmware.Tests/DeviceTests) fails when this file is stale.
            // </auto-generated>
            namespace WearableFirmware.DeviceTests
            {
                /// <summary>Inputs and the outputs the portable core produced for them on .NET.</summary>
                public static class GoldenVectors
                {

            """);

        files.Add(SFloat(cs));
        files.Add(Frames(cs));
        files.Add(Crc(cs));
        files.Add(Slots(cs));
        files.AddRange(VitalsVectors(cs));
        files.AddRange(FallVectors(cs));
        files.AddRange(WristFallVectors(cs));
        files.AddRange(AlarmVectors(cs));

        cs.Append("    }\n}\n");
        files.Add(new VectorFile(GeneratedSourcePath, cs.ToString()));
        return files;
    }

    /// <summary>Writes every file under <paramref name="repoRoot"/>; returns the files written.</summary>
    public static IReadOnlyList<VectorFile> WriteAll(string repoRoot)
    {
        IReadOnlyList<VectorFile> files = Generate();
        foreach (VectorFile file in files)
        {
            string path = Path.Combine(repoRoot, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }

        return files;
    }

    /// <summary>
    /// The synthetic red/IR sequence, integer arithmetic only: 0.5 s with no skin (ambient ~900 counts, below the
    /// contact threshold), then a pulse with beat-to-beat periods cycling 78, 80, 82 samples (~75 bpm), a 12-sample
    /// upstroke and a quadratic decay, IR DC 80000 with 1200 counts of pulse, red DC 60000 with 405 (ratio of
    /// ratios 0.45, about 97 % on the default calibration), and ±20 counts of LCG noise per channel.
    /// </summary>
    public static void SyntheticPpg(int[] red, int[] ir)
    {
        int[] periods = [78, 80, 82];
        const int offSkinSamples = 50;
        const int upstroke = 12;
        uint lcg = 12345;
        int beat = 0;
        int phase = 0;
        for (int i = 0; i < red.Length; i++)
        {
            lcg = lcg * 1103515245 + 12345;
            int noiseRed = (int)((lcg >> 16) % 41) - 20;
            lcg = lcg * 1103515245 + 12345;
            int noiseIr = (int)((lcg >> 16) % 41) - 20;
            if (i < offSkinSamples)
            {
                red[i] = 700 + noiseRed;
                ir[i] = 900 + noiseIr;
                continue;
            }

            int period = periods[beat % periods.Length];
            int shape; // blood volume, 0..1000
            if (phase < upstroke)
            {
                shape = phase * 1000 / upstroke;
            }
            else
            {
                int left = period - phase;
                int span = period - upstroke;
                shape = 1000 * left * left / (span * span);
            }

            red[i] = 60000 - 405 * shape / 1000 + noiseRed;
            ir[i] = 80000 - 1200 * shape / 1000 + noiseIr;
            phase++;
            if (phase == period)
            {
                phase = 0;
                beat++;
            }
        }
    }

    private static VectorFile SFloat(StringBuilder cs)
    {
        var csv = new StringBuilder("# IEEE 11073-20601 encodings: value, exponent (resolution 10^e), encoded (hex, as Ieee11073Float writes it)\nformat,value,exponent,encoded\n");
        var encoded = new List<string>();
        foreach (SFloatCase c in SFloatCases)
        {
            ushort raw = Ieee11073Float.EncodeSFloat(c.Value, c.Exponent);
            csv.Append("SFLOAT,").Append(FloatText(c.Value)).Append(',').Append(c.Exponent).Append(",0x").Append(raw.ToString("X4", Inv)).Append('\n');
            encoded.Add("0x" + raw.ToString("X4", Inv));
        }

        Array(cs, "SFLOAT inputs", "float[]", "SFloatValues", SFloatCases.Select(c => FloatLiteral(c.Value)));
        Array(cs, null, "int[]", "SFloatExponents", SFloatCases.Select(c => c.Exponent.ToString(Inv)));
        Array(cs, "Ieee11073Float.EncodeSFloat(value, exponent)", "ushort[]", "SFloatEncoded", encoded);

        var floatEncoded = new List<string>();
        foreach (SFloatCase c in FloatCases)
        {
            uint raw = Ieee11073Float.EncodeFloat(c.Value, c.Exponent);
            csv.Append("FLOAT,").Append(FloatText(c.Value)).Append(',').Append(c.Exponent).Append(",0x").Append(raw.ToString("X8", Inv)).Append('\n');
            floatEncoded.Add("0x" + raw.ToString("X8", Inv));
        }

        Array(cs, "32-bit FLOAT inputs", "float[]", "FloatValues", FloatCases.Select(c => FloatLiteral(c.Value)));
        Array(cs, null, "int[]", "FloatExponents", FloatCases.Select(c => c.Exponent.ToString(Inv)));
        Array(cs, "Ieee11073Float.EncodeFloat(value, exponent)", "uint[]", "FloatEncoded", floatEncoded);
        return new VectorFile(VectorsDirectory + "/ieee11073-float.csv", csv.ToString());
    }

    private static VectorFile Frames(StringBuilder cs)
    {
        var csv = new StringBuilder("# GATT characteristic values for given inputs (bytes in hex, as sent on air)\ncharacteristic,inputs,bytes\n");
        byte[] buffer = new byte[256];

        // Heart Rate Measurement: a fresh service per case, RR intervals queued first.
        var hrmFrames = new List<byte[]>();
        foreach (HrmCase c in HrmCases)
        {
            var service = new HeartRateService();
            foreach (int rr in c.RrMilliseconds)
            {
                service.AddRrIntervalMilliseconds(rr);
            }

            int length = service.EncodeMeasurement(buffer, c.MaxLength, c.Bpm, c.Contact);
            byte[] frame = buffer[..length];
            hrmFrames.Add(frame);
            csv.Append("HeartRateMeasurement,bpm=").Append(c.Bpm).Append(" contact=").Append(c.Contact ? 1 : 0).Append(" max=").Append(c.MaxLength)
                .Append(" rr_ms=").Append(string.Join(' ', c.RrMilliseconds)).Append(',').Append(Hex(frame)).Append('\n');
        }

        Array(cs, "Heart Rate Measurement: HeartRateService.AddRrIntervalMilliseconds for each RR, then EncodeMeasurement(buffer, maxLength, bpm, contact)",
            "int[]", "HrmBeatsPerMinute", HrmCases.Select(c => c.Bpm.ToString(Inv)));
        Array(cs, null, "bool[]", "HrmContact", HrmCases.Select(c => Bool(c.Contact)));
        Array(cs, null, "int[]", "HrmMaxLength", HrmCases.Select(c => c.MaxLength.ToString(Inv)));
        Jagged(cs, "int", "HrmRrMilliseconds", HrmCases.Select(c => c.RrMilliseconds.Select(v => v.ToString(Inv))));
        Jagged(cs, "byte", "HrmFrames", hrmFrames.Select(HexItems));

        // PLX Continuous and Spot-check.
        var continuous = new List<byte[]>();
        foreach (PlxCase c in ContinuousCases)
        {
            int length = PulseOximeterService.EncodeContinuous(buffer, c.SpO2, c.Pulse, c.Status, c.DeviceStatus, c.Pai);
            continuous.Add(buffer[..length]);
            csv.Append("PlxContinuous,spo2=").Append(FloatText(c.SpO2)).Append(" pr=").Append(FloatText(c.Pulse)).Append(" status=").Append(c.Status)
                .Append(" device=").Append(c.DeviceStatus).Append(" pai=").Append(FloatText(c.Pai)).Append(',').Append(Hex(continuous[^1])).Append('\n');
        }

        Array(cs, "PLX Continuous Measurement: PulseOximeterService.EncodeContinuous(buffer, spo2, pulseRate, status, deviceStatus, pai)",
            "float[]", "ContinuousSpO2", ContinuousCases.Select(c => FloatLiteral(c.SpO2)));
        Array(cs, null, "float[]", "ContinuousPulseRate", ContinuousCases.Select(c => FloatLiteral(c.Pulse)));
        Array(cs, null, "int[]", "ContinuousStatus", ContinuousCases.Select(c => c.Status.ToString(Inv)));
        Array(cs, null, "int[]", "ContinuousDeviceStatus", ContinuousCases.Select(c => c.DeviceStatus.ToString(Inv)));
        Array(cs, null, "float[]", "ContinuousPai", ContinuousCases.Select(c => FloatLiteral(c.Pai)));
        Jagged(cs, "byte", "ContinuousFrames", continuous.Select(HexItems));

        var spot = new List<byte[]>();
        foreach (PlxCase c in SpotCheckCases)
        {
            int length = PulseOximeterService.EncodeSpotCheck(buffer, c.SpO2, c.Pulse, c.ClockSet, c.Timestamp, c.Status, c.DeviceStatus, c.Pai, c.FromStorage);
            spot.Add(buffer[..length]);
            csv.Append("PlxSpotCheck,spo2=").Append(FloatText(c.SpO2)).Append(" pr=").Append(FloatText(c.Pulse)).Append(" clock_set=").Append(c.ClockSet ? 1 : 0)
                .Append(" time=").Append(c.Timestamp).Append(" status=").Append(c.Status).Append(" device=").Append(c.DeviceStatus)
                .Append(" pai=").Append(FloatText(c.Pai)).Append(" from_storage=").Append(c.FromStorage ? 1 : 0).Append(',').Append(Hex(spot[^1])).Append('\n');
        }

        Array(cs, "PLX Spot-check Measurement: PulseOximeterService.EncodeSpotCheck(buffer, spo2, pulseRate, clockSet, timestamp, status, deviceStatus, pai, fromStorage)",
            "float[]", "SpotCheckSpO2", SpotCheckCases.Select(c => FloatLiteral(c.SpO2)));
        Array(cs, null, "float[]", "SpotCheckPulseRate", SpotCheckCases.Select(c => FloatLiteral(c.Pulse)));
        Array(cs, null, "bool[]", "SpotCheckClockSet", SpotCheckCases.Select(c => Bool(c.ClockSet)));
        Array(cs, null, "long[]", "SpotCheckTimestamp", SpotCheckCases.Select(c => c.Timestamp.ToString(Inv) + "L"));
        Array(cs, null, "int[]", "SpotCheckStatus", SpotCheckCases.Select(c => c.Status.ToString(Inv)));
        Array(cs, null, "int[]", "SpotCheckDeviceStatus", SpotCheckCases.Select(c => c.DeviceStatus.ToString(Inv)));
        Array(cs, null, "float[]", "SpotCheckPai", SpotCheckCases.Select(c => FloatLiteral(c.Pai)));
        Array(cs, null, "bool[]", "SpotCheckFromStorage", SpotCheckCases.Select(c => Bool(c.FromStorage)));
        Jagged(cs, "byte", "SpotCheckFrames", spot.Select(HexItems));

        // Current Time.
        var times = new List<byte[]>();
        foreach (var c in CurrentTimeCases)
        {
            int length = CurrentTimeService.Encode(buffer, c.ClockSet, c.UnixSeconds, c.Adjust);
            times.Add(buffer[..length]);
            csv.Append("CurrentTime,clock_set=").Append(c.ClockSet ? 1 : 0).Append(" unix=").Append(c.UnixSeconds).Append(" adjust=").Append(c.Adjust)
                .Append(',').Append(Hex(times[^1])).Append('\n');
        }

        Array(cs, "Current Time: CurrentTimeService.Encode(buffer, clockSet, unixSeconds, adjustReason)",
            "bool[]", "CurrentTimeClockSet", CurrentTimeCases.Select(c => Bool(c.ClockSet)));
        Array(cs, null, "long[]", "CurrentTimeUnixSeconds", CurrentTimeCases.Select(c => c.UnixSeconds.ToString(Inv) + "L"));
        Array(cs, null, "byte[]", "CurrentTimeAdjust", CurrentTimeCases.Select(c => c.Adjust.ToString(Inv)));
        Jagged(cs, "byte", "CurrentTimeFrames", times.Select(HexItems));

        // Fall Event.
        var falls = new List<byte[]>();
        foreach (FallEventCase c in FallEventCases)
        {
            int length = FallAlertService.EncodeFallEvent(buffer, c.Id, c.Kind, c.TimeFlags, c.Time, c.Impact, c.Posture, c.HeartRate, c.SpO2);
            falls.Add(buffer[..length]);
            csv.Append("FallEvent,id=").Append(c.Id).Append(" kind=").Append((int)c.Kind).Append(" timeflags=").Append(c.TimeFlags)
                .Append(" time=").Append(c.Time).Append(" impact=").Append(FloatText(c.Impact)).Append(" posture=").Append((int)c.Posture)
                .Append(" hr=").Append(FloatText(c.HeartRate)).Append(" spo2=").Append(FloatText(c.SpO2)).Append(',').Append(Hex(falls[^1])).Append('\n');
        }

        Array(cs, "Fall Event: FallAlertService.EncodeFallEvent(buffer, id, (FallEventKind)kind, timeFlags, time, impactG, (FallPosture)posture, hr, spo2)",
            "int[]", "FallEventId", FallEventCases.Select(c => c.Id.ToString(Inv)));
        Array(cs, null, "int[]", "FallEventKind", FallEventCases.Select(c => ((int)c.Kind).ToString(Inv)));
        Array(cs, null, "int[]", "FallEventTimeFlags", FallEventCases.Select(c => c.TimeFlags.ToString(Inv)));
        Array(cs, null, "long[]", "FallEventTime", FallEventCases.Select(c => c.Time.ToString(Inv) + "L"));
        Array(cs, null, "float[]", "FallEventImpact", FallEventCases.Select(c => FloatLiteral(c.Impact)));
        Array(cs, null, "int[]", "FallEventPosture", FallEventCases.Select(c => ((int)c.Posture).ToString(Inv)));
        Array(cs, null, "float[]", "FallEventHeartRate", FallEventCases.Select(c => FloatLiteral(c.HeartRate)));
        Array(cs, null, "float[]", "FallEventSpO2", FallEventCases.Select(c => FloatLiteral(c.SpO2)));
        Jagged(cs, "byte", "FallEventFrames", falls.Select(HexItems));

        return new VectorFile(VectorsDirectory + "/gatt-frames.csv", csv.ToString());
    }

    private static VectorFile Crc(StringBuilder cs)
    {
        var csv = new StringBuilder("# CRC-32 (IEEE 802.3 / zlib) of byte strings, as Crc32.Compute returns it\ninput,crc32\n");
        var values = new List<string>();
        foreach (byte[] input in CrcInputs)
        {
            uint crc = Crc32.Compute(input, 0, input.Length);
            values.Add("0x" + crc.ToString("X8", Inv));
            csv.Append(input.Length == 0 ? "(empty)" : Hex(input)).Append(",0x").Append(crc.ToString("X8", Inv)).Append('\n');
        }

        Jagged(cs, "byte", "Crc32Inputs", CrcInputs.Select(HexItems));
        Array(cs, "Crc32.Compute(input, 0, input.Length)", "uint[]", "Crc32Values", values);
        return new VectorFile(VectorsDirectory + "/crc32.csv", csv.ToString());
    }

    private static VectorFile Slots(StringBuilder cs)
    {
        byte[] spotCheck = new byte[SpotCheckPayload.Length];
        SpotCheckPayload.Write(spotCheck, 975, 720, PlxMeasurementStatus.ValidatedData, PlxDeviceSensorStatus.LowPerfusionDetected, 425);
        byte[] noPai = new byte[SpotCheckPayload.Length];
        SpotCheckPayload.Write(noPai, 912, 1316, 0, 0, SpotCheckPayload.NoPulseAmplitudeIndex);
        byte[] boot = [(byte)DeviceEventCode.Boot, 0x03, 0x02, 0x00, 0x00];
        byte[] fullPayload = Enumerable.Range(1, RecordLayout.MaxPayload).Select(i => (byte)(i * 17)).ToArray();
        SlotCase[] cases =
        [
            new(1, RecordType.SpotCheck, true, (uint)SampleUnixSeconds, spotCheck),
            new(4064, RecordType.SpotCheck, false, 86399, noPai),
            new(77, RecordType.DeviceEvent, false, 3, boot),
            new(int.MaxValue, RecordType.Alarm, true, uint.MaxValue, fullPayload),
            new(0, RecordType.Fall, false, 0, []),
        ];

        var csv = new StringBuilder("# Record-store slots (32 bytes) as RecordLayout.Encode writes them: sequence, type, clock_set, time, payload -> slot\nsequence,type,clock_set,time,payload,slot\n");
        var slots = new List<byte[]>();
        foreach (SlotCase c in cases)
        {
            byte[] slot = new byte[RecordLayout.SlotSize];
            RecordLayout.Encode(slot, c.Sequence, c.Type, c.ClockSet, c.Time, c.Payload, 0, c.Payload.Length);
            slots.Add(slot);
            csv.Append(c.Sequence).Append(',').Append((int)c.Type).Append(',').Append(c.ClockSet ? 1 : 0).Append(',').Append(c.Time).Append(',')
                .Append(c.Payload.Length == 0 ? "(empty)" : Hex(c.Payload)).Append(',').Append(Hex(slot)).Append('\n');
        }

        Array(cs, "Record slots: RecordLayout.Encode(slot, sequence, (RecordType)type, clockSet, time, payload, 0, payload.Length)",
            "int[]", "SlotSequence", cases.Select(c => c.Sequence.ToString(Inv)));
        Array(cs, null, "int[]", "SlotType", cases.Select(c => ((int)c.Type).ToString(Inv)));
        Array(cs, null, "bool[]", "SlotClockSet", cases.Select(c => Bool(c.ClockSet)));
        Array(cs, null, "uint[]", "SlotTime", cases.Select(c => c.Time.ToString(Inv) + "U"));
        Jagged(cs, "byte", "SlotPayload", cases.Select(c => HexItems(c.Payload)));
        Jagged(cs, "byte", "SlotBytes", slots.Select(HexItems));
        return new VectorFile(VectorsDirectory + "/record-slots.csv", csv.ToString());
    }

    private static IEnumerable<VectorFile> VitalsVectors(StringBuilder cs)
    {
        int n = PpgSampleRateHz * PpgSeconds;
        int[] red = new int[n];
        int[] ir = new int[n];
        SyntheticPpg(red, ir);

        var vitals = new VitalsProcessor(new VitalsConfiguration());
        var readings = new List<VitalsReading>();
        for (int i = 0; i < n; i++)
        {
            vitals.AddSample(red[i], ir[i]);
            if ((i + 1) % PpgSampleRateHz == 0)
            {
                readings.Add(vitals.Reading);
            }
        }

        var samples = new StringBuilder("# Synthetic MAX30102 red/IR sequence (ADC counts, 100 sps) fed to VitalsProcessor; see GoldenVectors.SyntheticPpg\nindex,red,ir\n");
        for (int i = 0; i < n; i++)
        {
            samples.Append(i).Append(',').Append(red[i]).Append(',').Append(ir[i]).Append('\n');
        }

        var table = new StringBuilder("# VitalsProcessor.Reading after every 100th sample of ppg-samples.csv (default VitalsConfiguration)\n"
            + "second,contact,quality,beats,hr_valid,hr_bpm,spo2_valid,spo2_percent\n");
        for (int s = 0; s < readings.Count; s++)
        {
            VitalsReading r = readings[s];
            table.Append(s + 1).Append(',').Append((int)r.Contact).Append(',').Append((int)r.Quality).Append(',').Append(r.BeatCount).Append(',')
                .Append(r.HeartRateValid ? 1 : 0).Append(',').Append(Rounded(r.HeartRateBpm)).Append(',')
                .Append(r.SpO2Valid ? 1 : 0).Append(',').Append(Rounded(r.SpO2Percent)).Append('\n');
        }

        cs.Append("        /// <summary>Samples per vitals reading (one reading a second at 100 sps).</summary>\n");
        cs.Append("        public const int PpgSamplesPerReading = ").Append(PpgSampleRateHz).Append(";\n\n");
        Array(cs, "Synthetic red/IR sequence (tests/vectors/ppg-samples.csv), fed in order to a new VitalsProcessor(new VitalsConfiguration())",
            "int[]", "PpgRed", red.Select(v => v.ToString(Inv)), perLine: 16);
        Array(cs, null, "int[]", "PpgIr", ir.Select(v => v.ToString(Inv)), perLine: 16);
        Array(cs, "VitalsProcessor.Reading after every PpgSamplesPerReading samples", "int[]", "ReadingContact", readings.Select(r => ((int)r.Contact).ToString(Inv)));
        Array(cs, null, "int[]", "ReadingQuality", readings.Select(r => ((int)r.Quality).ToString(Inv)));
        Array(cs, null, "int[]", "ReadingBeatCount", readings.Select(r => r.BeatCount.ToString(Inv)));
        Array(cs, null, "bool[]", "ReadingHeartRateValid", readings.Select(r => Bool(r.HeartRateValid)));
        Array(cs, null, "float[]", "ReadingHeartRateBpm", readings.Select(r => Rounded(r.HeartRateBpm) + "f"));
        Array(cs, null, "bool[]", "ReadingSpO2Valid", readings.Select(r => Bool(r.SpO2Valid)));
        Array(cs, null, "float[]", "ReadingSpO2Percent", readings.Select(r => Rounded(r.SpO2Percent) + "f"));

        yield return new VectorFile(VectorsDirectory + "/ppg-samples.csv", samples.ToString());
        yield return new VectorFile(VectorsDirectory + "/vitals-readings.csv", table.ToString());
    }

    /// <summary>
    /// Synthetic wrist accelerometer sequence in milli-g, integer arithmetic only, at 50 Hz: 3 s standing (gravity on
    /// -Y, the detector's upright axis), 0.3 s of free fall (0.15 g), a 60 ms impact peaking at 4.8 g, 3 s lying still
    /// (gravity on +X); then 3 s standing, a jump (0.2 s at 0.3 g, a 3 g landing) and 3 s standing again. ±20 mg of
    /// LCG noise per axis. Expected: the first impact judged a fall, the landing rejected (posture unchanged).
    /// </summary>
    public static int[][] SyntheticMotion()
    {
        var x = new List<int>();
        var y = new List<int>();
        var z = new List<int>();
        uint lcg = 2024;
        int Noise()
        {
            lcg = lcg * 1103515245 + 12345;
            return (int)((lcg >> 16) % 41) - 20;
        }

        void Hold(int samples, int gx, int gy, int gz)
        {
            for (int i = 0; i < samples; i++)
            {
                x.Add(gx + Noise());
                y.Add(gy + Noise());
                z.Add(gz + Noise());
            }
        }

        Hold(150, 0, -1000, 0);
        Hold(15, 0, -150, 0);
        int[] impact = [4800, 3600, 1200];
        foreach (int g in impact)
        {
            Hold(1, g * 3 / 5, -g * 4 / 5, 0);
        }

        Hold(150, 1000, 0, 0);
        Hold(150, 0, -1000, 0);
        Hold(10, 0, -300, 0);
        int[] landing = [3000, 2200, 1100];
        foreach (int g in landing)
        {
            Hold(1, 0, -g, 0);
        }

        Hold(150, 0, -1000, 0);
        return [x.ToArray(), y.ToArray(), z.ToArray()];
    }

    private static IEnumerable<VectorFile> FallVectors(StringBuilder cs)
    {
        int[][] motion = SyntheticMotion();
        var detector = new FallDetector(FallSensing.DetectorSettings());
        var samples = new List<int>();
        var decisions = new List<FallDecision>();
        var flags = new List<bool[]>();
        var peaks = new List<float>();
        var table = new StringBuilder("# FallDetector.Process decisions for motion-samples.csv (FallSensing.DetectorSettings(), 50 Hz)\n"
            + "sample,decision,impact_passed,free_fall_passed,posture_passed,inactivity_passed,peak_g\n");
        for (int i = 0; i < motion[0].Length; i++)
        {
            FallDecision decision = detector.Process(motion[0][i] / 1000f, motion[1][i] / 1000f, motion[2][i] / 1000f);
            if (decision == FallDecision.None)
            {
                continue;
            }

            samples.Add(i);
            decisions.Add(decision);
            flags.Add([detector.ImpactPassed, detector.FreeFallPassed, detector.PosturePassed, detector.InactivityPassed]);
            peaks.Add(detector.PeakG);
            table.Append(i).Append(',').Append((int)decision).Append(',').Append(string.Join(',', flags[^1].Select(f => f ? 1 : 0)))
                .Append(',').Append(Rounded(detector.PeakG)).Append('\n');
        }

        string csv = MotionCsv("# Synthetic accelerometer sequence in milli-g at 50 Hz fed to FallDetector; see GoldenVectors.SyntheticMotion", motion);

        cs.Append("        /// <summary>Rate of the motion sequence (FallSensing.SampleRateHz, as FallSensing.DetectorSettings() sets it).</summary>\n");
        cs.Append("        public const int MotionSampleRateHz = ").Append(MotionSampleRateHz).Append(";\n\n");
        MotionArrays(cs, "Synthetic accelerometer sequence in milli-g (tests/vectors/motion-samples.csv), fed as value / 1000f to FallDetector.Process",
            "Motion", motion);
        Array(cs, "Every decision other than None: sample index, (int)FallDecision, stage verdicts, peak magnitude (g)",
            "int[]", "FallDecisionSample", samples.Select(v => v.ToString(Inv)));
        Array(cs, null, "int[]", "FallDecisionKind", decisions.Select(d => ((int)d).ToString(Inv)));
        Array(cs, null, "bool[]", "FallImpactPassed", flags.Select(f => Bool(f[0])));
        Array(cs, null, "bool[]", "FallFreeFallPassed", flags.Select(f => Bool(f[1])));
        Array(cs, null, "bool[]", "FallPosturePassed", flags.Select(f => Bool(f[2])));
        Array(cs, null, "bool[]", "FallInactivityPassed", flags.Select(f => Bool(f[3])));
        Array(cs, null, "float[]", "FallPeakG", peaks.Select(p => Rounded(p) + "f"));

        yield return new VectorFile(VectorsDirectory + "/motion-samples.csv", csv);
        yield return new VectorFile(VectorsDirectory + "/fall-decisions.csv", table.ToString());
    }

    /// <summary>
    /// Synthetic wrist accelerometer sequence in milli-g at 50 Hz from the simulated wearer (MotionScenario at the
    /// wrist, seeded): standing, walking, a jump, a double tap on the watch face, a forward fall and lying still, with
    /// 4 mg rms of seeded sensor noise, each sample taken at its instant and rounded to whole milli-g (the vectors
    /// store integers, so the device gets exactly the input the host had). Expected: the jump's landing judged and
    /// rejected, the fall's impact judged a fall; walking stays below the trigger and the taps (6 ms each) fall between
    /// 50 Hz samples, so neither is judged.
    /// </summary>
    public static int[][] SyntheticWristMotion()
    {
        MotionScenario scenario = MotionScenario.Create(SensorPlacement.Wrist, WristMotionSeed)
            .Hold(5).Walk(8).Hold(3).Jump().Hold(4).DoubleTap().Hold(3).Fall(FallDirection.Forward).Hold(4)
            .Build();
        var wearer = new SensorNoise(scenario, 0.004, WristMotionSeed);
        int n = (int)(scenario.DurationMicroseconds * MotionSampleRateHz / 1_000_000);
        int[][] axes = [new int[n], new int[n], new int[n]];
        for (int i = 0; i < n; i++)
        {
            System.Numerics.Vector3 a = wearer.AccelerationAt(i * 1_000_000L / MotionSampleRateHz);
            axes[0][i] = (int)Math.Round(a.X * 1000.0);
            axes[1][i] = (int)Math.Round(a.Y * 1000.0);
            axes[2][i] = (int)Math.Round(a.Z * 1000.0);
        }

        return axes;
    }

    private const int WristMotionSeed = 7;

    private static IEnumerable<VectorFile> WristFallVectors(StringBuilder cs)
    {
        int[][] motion = SyntheticWristMotion();
        var detector = new WristFallDetector(FallSensing.WristDetectorSettings());
        var samples = new List<int>();
        var decisions = new List<FallDecision>();
        var peakSamples = new List<long>();
        var peaks = new List<float>();
        var scores = new List<float>();
        var features = new List<float[]>();
        var table = new StringBuilder("# WristFallDetector.Process decisions for wrist-motion-samples.csv (FallSensing.WristDetectorSettings(), 50 Hz)\n"
            + "sample,decision,peak_sample,peak_magnitude_g,score");
        for (int f = 0; f < WristFallFeatures.Count; f++)
        {
            table.Append(',').Append(WristFallFeatures.Name(f));
        }

        table.Append('\n');
        for (int i = 0; i < motion[0].Length; i++)
        {
            FallDecision decision = detector.Process(motion[0][i] / 1000f, motion[1][i] / 1000f, motion[2][i] / 1000f);
            if (decision == FallDecision.None)
            {
                continue;
            }

            samples.Add(i);
            decisions.Add(decision);
            peakSamples.Add(detector.PeakSample);
            peaks.Add(detector.PeakG);
            scores.Add(detector.Score);
            features.Add((float[])detector.Features.Clone());
            table.Append(i).Append(',').Append((int)decision).Append(',').Append(detector.PeakSample).Append(',').Append(Rounded(detector.PeakG))
                .Append(',').Append(Rounded(detector.Score)).Append(',').Append(string.Join(',', features[^1].Select(Rounded))).Append('\n');
        }

        string csv = MotionCsv("# Synthetic wrist accelerometer sequence in milli-g at 50 Hz fed to WristFallDetector; see GoldenVectors.SyntheticWristMotion", motion);

        MotionArrays(cs, "Synthetic wrist accelerometer sequence in milli-g at MotionSampleRateHz (tests/vectors/wrist-motion-samples.csv), fed as value / 1000f to WristFallDetector.Process",
            "WristMotion", motion);
        Array(cs, "Every wrist decision other than None: sample index, (int)FallDecision, peak sample, peak magnitude (g), score, features (WristFallFeatures order)",
            "int[]", "WristDecisionSample", samples.Select(v => v.ToString(Inv)));
        Array(cs, null, "int[]", "WristDecisionKind", decisions.Select(d => ((int)d).ToString(Inv)));
        Array(cs, null, "long[]", "WristPeakSample", peakSamples.Select(v => v.ToString(Inv)));
        Array(cs, null, "float[]", "WristPeakG", peaks.Select(p => Rounded(p) + "f"));
        Array(cs, null, "float[]", "WristScore", scores.Select(p => Rounded(p) + "f"));
        Jagged(cs, "float", "WristFeatures", features.Select(row => row.Select(v => Rounded(v) + "f")));

        yield return new VectorFile(VectorsDirectory + "/wrist-motion-samples.csv", csv);
        yield return new VectorFile(VectorsDirectory + "/wrist-fall-decisions.csv", table.ToString());
    }

    public const int AlarmSeconds = 150;

    // Start-up without a reading; a desaturation (medium, then high: escalates, ends latched, a press clears it); a
    // tachycardia (medium, a press pauses it, high escalates past the pause, the phone drops out meanwhile: link
    // lost; ends latched, the phone returns, a press clears it); the band taken off (sensor off) and put back.
    private static readonly VitalsSegment[] AlarmTimeline =
    [
        new(0, -1, -1, SensorContact.Unknown, false),
        new(3, -1, -1, SensorContact.Contact, true),
        new(5, 970, 720, SensorContact.Contact, true),
        new(20, 885, 760, SensorContact.Contact, true),
        new(32, 830, 800, SensorContact.Contact, true),
        new(46, -1, 790, SensorContact.Contact, true),
        new(50, 960, 740, SensorContact.Contact, true),
        new(65, 965, 1265, SensorContact.Contact, true),
        new(82, 962, 1460, SensorContact.Contact, true),
        new(86, 962, 1470, SensorContact.Contact, false),
        new(101, 968, 805, SensorContact.Contact, false),
        new(106, 968, 800, SensorContact.Contact, true),
        new(115, -1, -1, SensorContact.NoContact, true),
        new(136, 971, 760, SensorContact.Contact, true),
    ];

    private static readonly int[] AlarmPressSeconds = [62, 78, 110];

    /// <summary>
    /// The alarm vectors' inputs, one row a second: SpO2 and pulse in tenths (-1: no reading), (int)SensorContact,
    /// phone connected (1/0), short press after that second's evaluation (1/0).
    /// </summary>
    public static int[][] SyntheticAlarmVitals()
    {
        int[][] rows = [new int[AlarmSeconds], new int[AlarmSeconds], new int[AlarmSeconds], new int[AlarmSeconds], new int[AlarmSeconds]];
        int segment = 0;
        for (int t = 0; t < AlarmSeconds; t++)
        {
            while (segment + 1 < AlarmTimeline.Length && AlarmTimeline[segment + 1].FromSecond <= t)
            {
                segment++;
            }

            VitalsSegment v = AlarmTimeline[segment];
            rows[0][t] = v.SpO2Tenths;
            rows[1][t] = v.PulseTenths;
            rows[2][t] = (int)v.Contact;
            rows[3][t] = v.PhoneConnected ? 1 : 0;
            rows[4][t] = AlarmPressSeconds.Contains(t) ? 1 : 0;
        }

        return rows;
    }

    private static IEnumerable<VectorFile> AlarmVectors(StringBuilder cs)
    {
        int[][] vitals = SyntheticAlarmVitals();
        var log = new AlarmLog();
        var system = new AlarmSystem(log);
        var evaluator = new AlarmEvaluator(system, new AlarmSettings());
        var inputs = new AlarmInputs();
        for (int t = 0; t < AlarmSeconds; t++)
        {
            // As AlarmMonitor does once a second: fill the inputs, evaluate, then the tick's pause expiry.
            long now = t * 1_000_000L;
            inputs.SpO2Valid = vitals[0][t] >= 0;
            inputs.SpO2Percent = vitals[0][t] / 10f;
            inputs.PulseRateValid = vitals[1][t] >= 0;
            inputs.PulseRateBpm = vitals[1][t] / 10f;
            inputs.OnSkin = vitals[2][t] == (int)SensorContact.Contact;
            inputs.OffSkin = vitals[2][t] == (int)SensorContact.NoContact;
            inputs.PhoneConnected = vitals[3][t] == 1;
            inputs.PhoneSeen |= inputs.PhoneConnected;
            evaluator.Evaluate(now, inputs);
            if (vitals[4][t] == 1)
            {
                system.OnSilencePress(now);
            }

            system.Update(now);
        }

        var csv = new StringBuilder("# Synthetic vitals at 1 Hz fed to AlarmEvaluator (default AlarmSettings); see GoldenVectors.SyntheticAlarmVitals\n"
            + "second,spo2_tenths,pulse_tenths,contact,phone_connected,press\n");
        for (int t = 0; t < AlarmSeconds; t++)
        {
            csv.Append(t).Append(',').Append(vitals[0][t]).Append(',').Append(vitals[1][t]).Append(',').Append(vitals[2][t]).Append(',')
                .Append(vitals[3][t]).Append(',').Append(vitals[4][t]).Append('\n');
        }

        var table = new StringBuilder("# AlarmSystem events for alarm-vitals.csv: second, kind, condition, priority, duration (s), condition mask, latched\n"
            + "second,kind,condition,priority,duration_s,conditions,latched\n");
        foreach (AlarmEvent e in log.Events)
        {
            table.Append(e.AtMicroseconds / 1_000_000).Append(',').Append((int)e.Kind).Append(',').Append((int)e.Condition).Append(',').Append((int)e.Priority)
                .Append(',').Append(e.DurationSeconds).Append(',').Append(e.Conditions).Append(',').Append(e.Latched ? 1 : 0).Append('\n');
        }

        Array(cs, "Synthetic vitals at 1 Hz (tests/vectors/alarm-vitals.csv): SpO2 and pulse in tenths (-1 no reading), (int)SensorContact, phone connected, press after the evaluation",
            "int[]", "AlarmSpO2Tenths", vitals[0].Select(v => v.ToString(Inv)), perLine: 16);
        Array(cs, null, "int[]", "AlarmPulseTenths", vitals[1].Select(v => v.ToString(Inv)), perLine: 16);
        Array(cs, null, "int[]", "AlarmContact", vitals[2].Select(v => v.ToString(Inv)), perLine: 16);
        Array(cs, null, "bool[]", "AlarmPhoneConnected", vitals[3].Select(v => Bool(v == 1)), perLine: 16);
        Array(cs, null, "bool[]", "AlarmPress", vitals[4].Select(v => Bool(v == 1)), perLine: 16);
        Array(cs, "Every AlarmEvent, in order: second, (int)AlarmEventKind, (int)AlarmCondition, (int)AlarmPriority, duration (s), condition mask, latched",
            "int[]", "AlarmEventSecond", log.Events.Select(e => (e.AtMicroseconds / 1_000_000).ToString(Inv)));
        Array(cs, null, "int[]", "AlarmEventKind", log.Events.Select(e => ((int)e.Kind).ToString(Inv)));
        Array(cs, null, "int[]", "AlarmEventCondition", log.Events.Select(e => ((int)e.Condition).ToString(Inv)));
        Array(cs, null, "int[]", "AlarmEventPriority", log.Events.Select(e => ((int)e.Priority).ToString(Inv)));
        Array(cs, null, "int[]", "AlarmEventDuration", log.Events.Select(e => e.DurationSeconds.ToString(Inv)));
        Array(cs, null, "int[]", "AlarmEventConditions", log.Events.Select(e => e.Conditions.ToString(Inv)));
        Array(cs, null, "bool[]", "AlarmEventLatched", log.Events.Select(e => Bool(e.Latched)));

        yield return new VectorFile(VectorsDirectory + "/alarm-vitals.csv", csv.ToString());
        yield return new VectorFile(VectorsDirectory + "/alarm-events.csv", table.ToString());
    }

    /// <summary>A three-axis milli-g sequence as CSV: the comment line, then index and the three axes per row.</summary>
    private static string MotionCsv(string comment, int[][] motion)
    {
        var csv = new StringBuilder(comment).Append("\nindex,x_mg,y_mg,z_mg\n");
        for (int i = 0; i < motion[0].Length; i++)
        {
            csv.Append(i).Append(',').Append(motion[0][i]).Append(',').Append(motion[1][i]).Append(',').Append(motion[2][i]).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>A three-axis milli-g sequence as the arrays <paramref name="prefix"/>Xmg, Ymg and Zmg.</summary>
    private static void MotionArrays(StringBuilder cs, string comment, string prefix, int[][] motion)
    {
        Array(cs, comment, "int[]", prefix + "Xmg", motion[0].Select(v => v.ToString(Inv)), perLine: 16);
        Array(cs, null, "int[]", prefix + "Ymg", motion[1].Select(v => v.ToString(Inv)), perLine: 16);
        Array(cs, null, "int[]", prefix + "Zmg", motion[2].Select(v => v.ToString(Inv)), perLine: 16);
    }

    private static void Array(StringBuilder cs, string? comment, string type, string name, IEnumerable<string> items, int perLine = 12)
    {
        if (comment != null)
        {
            cs.Append("        // ").Append(comment).Append('\n');
        }

        cs.Append("        public static readonly ").Append(type).Append(' ').Append(name).Append(" = new ").Append(type).Append("\n        {\n");
        List<string> list = items.ToList();
        for (int i = 0; i < list.Count; i += perLine)
        {
            cs.Append("            ").Append(string.Join(", ", list.Skip(i).Take(perLine))).Append(",\n");
        }

        cs.Append("        };\n\n");
    }

    private static void Jagged(StringBuilder cs, string elementType, string name, IEnumerable<IEnumerable<string>> rows)
    {
        cs.Append("        public static readonly ").Append(elementType).Append("[][] ").Append(name).Append(" = new ").Append(elementType).Append("[][]\n        {\n");
        foreach (IEnumerable<string> row in rows)
        {
            cs.Append("            new ").Append(elementType).Append("[] { ").Append(string.Join(", ", row)).Append(" },\n");
        }

        cs.Append("        };\n\n");
    }

    private static IEnumerable<string> HexItems(byte[] bytes) => bytes.Select(b => "0x" + b.ToString("X2", Inv));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    private static string Bool(bool value) => value ? "true" : "false";

    // Two decimals: device tests compare with a tolerance far above this, and the text stays stable across libm ulps.
    private static string Rounded(float value) => value.ToString("F2", Inv);

    private static string FloatText(float value) => float.IsNaN(value) ? "NaN" : float.IsPositiveInfinity(value) ? "+Inf"
        : float.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", Inv);

    private static string FloatLiteral(float value) => float.IsNaN(value) ? "float.NaN" : float.IsPositiveInfinity(value) ? "float.PositiveInfinity"
        : float.IsNegativeInfinity(value) ? "float.NegativeInfinity" : value.ToString("R", Inv) + "f";
}
