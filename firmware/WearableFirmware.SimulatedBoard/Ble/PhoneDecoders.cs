using System.Globalization;
using System.Text;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// The phone app's own parsers, written from the specifications (IEEE 11073-20601 for SFLOAT, the Heart Rate,
/// Pulse Oximeter, Current Time and Battery service specifications, and this project's fall alert format in
/// Core/Ble/README.md), independent of the firmware's encoders so a round trip checks both.
/// </summary>
public static class PhoneDecoders
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>SFLOAT per 11073-20601: 4-bit two's-complement exponent over a 12-bit two's-complement mantissa.</summary>
    public static double SFloat(byte[] b, int i)
    {
        int raw = b[i] | (b[i + 1] << 8);
        switch (raw)
        {
            case 0x07FF: return double.NaN;               // NaN
            case 0x0800: return double.NaN;               // NRes (not at this resolution)
            case 0x0801: return double.NaN;               // reserved
            case 0x07FE: return double.PositiveInfinity;
            case 0x0802: return double.NegativeInfinity;
        }

        int exponent = raw >> 12;
        if (exponent >= 8) exponent -= 16;
        int mantissa = raw & 0xFFF;
        if (mantissa >= 0x800) mantissa -= 0x1000;
        return exponent < 0 ? mantissa / Math.Pow(10, -exponent) : mantissa * Math.Pow(10, exponent);
    }

    public sealed record HeartRate(int Bpm, bool ContactSupported, bool ContactDetected, int? EnergyKj, double[] RrMilliseconds);

    public static HeartRate DecodeHeartRate(byte[] v)
    {
        byte flags = v[0];
        int i = 1;
        int bpm;
        if ((flags & 1) != 0) { bpm = v[i] | (v[i + 1] << 8); i += 2; }
        else { bpm = v[i++]; }
        int? energy = null;
        if ((flags & 0x08) != 0) { energy = v[i] | (v[i + 1] << 8); i += 2; }
        var rr = new List<double>();
        if ((flags & 0x10) != 0)
        {
            for (; i + 1 < v.Length; i += 2)
            {
                rr.Add((v[i] | (v[i + 1] << 8)) * 1000.0 / 1024.0);
            }
        }

        return new HeartRate(bpm, (flags & 0x04) != 0, (flags & 0x02) != 0, energy, [.. rr]);
    }

    public sealed record Plx(double Spo2, double PulseRate, int? MeasurementStatus, int? DeviceSensorStatus, double? Pai,
        DateTime? Timestamp, bool ClockNotSet);

    public static Plx DecodePlxContinuous(byte[] v)
    {
        byte flags = v[0];
        int i = 1;
        double spo2 = SFloat(v, i), pr = SFloat(v, i + 2);
        i += 4;
        if ((flags & 0x01) != 0) i += 4;   // SpO2PR-Fast
        if ((flags & 0x02) != 0) i += 4;   // SpO2PR-Slow
        int? ms = null, dss = null;
        double? pai = null;
        if ((flags & 0x04) != 0) { ms = v[i] | (v[i + 1] << 8); i += 2; }
        if ((flags & 0x08) != 0) { dss = v[i] | (v[i + 1] << 8) | (v[i + 2] << 16); i += 3; }
        if ((flags & 0x10) != 0) { pai = SFloat(v, i); }
        return new Plx(spo2, pr, ms, dss, pai, null, false);
    }

    public static Plx DecodePlxSpotCheck(byte[] v)
    {
        byte flags = v[0];
        int i = 1;
        double spo2 = SFloat(v, i), pr = SFloat(v, i + 2);
        i += 4;
        DateTime? ts = null;
        if ((flags & 0x01) != 0) { ts = DateTimeField(v, i); i += 7; }
        int? ms = null, dss = null;
        double? pai = null;
        if ((flags & 0x02) != 0) { ms = v[i] | (v[i + 1] << 8); i += 2; }
        if ((flags & 0x04) != 0) { dss = v[i] | (v[i + 1] << 8) | (v[i + 2] << 16); i += 3; }
        if ((flags & 0x08) != 0) { pai = SFloat(v, i); }
        return new Plx(spo2, pr, ms, dss, pai, ts, (flags & 0x10) != 0);
    }

    /// <summary>Bluetooth Date Time (year, month, day, hours, minutes, seconds); null when any date part is 0 (unknown).</summary>
    public static DateTime? DateTimeField(byte[] v, int i)
    {
        int year = v[i] | (v[i + 1] << 8);
        if (year == 0 || v[i + 2] == 0 || v[i + 3] == 0) return null;
        return new DateTime(year, v[i + 2], v[i + 3], v[i + 4], v[i + 5], v[i + 6], DateTimeKind.Unspecified);
    }

    public sealed record CurrentTime(DateTime? Time, int DayOfWeek, int Fractions256, int AdjustReason);

    public static CurrentTime DecodeCurrentTime(byte[] v) => new(DateTimeField(v, 0), v[7], v[8], v[9]);

    /// <summary>Builds the 10-byte Current Time value a phone writes to set the device clock.</summary>
    public static byte[] EncodeCurrentTime(DateTime local, byte adjustReason = 0x01)
    {
        int dow = local.DayOfWeek == System.DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek;
        return [(byte)local.Year, (byte)(local.Year >> 8), (byte)local.Month, (byte)local.Day, (byte)local.Hour, (byte)local.Minute,
            (byte)local.Second, (byte)dow, (byte)(local.Millisecond * 256 / 1000), adjustReason];
    }

    public sealed record FallEvent(int Id, string Kind, bool CalendarTime, bool EarlierBoot, uint TimeSeconds, double ImpactG, string Posture, double HeartRate, double Spo2);

    public static FallEvent DecodeFallEvent(byte[] v)
    {
        string kind = v[2] switch { 1 => "detected", 2 => "confirmed", 3 => "cancelled", 4 => "manual", _ => "kind " + v[2] };
        string posture = v[10] switch { 0 => "unknown", 1 => "upright", 2 => "sitting", 3 => "lying", _ => "posture " + v[10] };
        return new FallEvent(v[0] | (v[1] << 8), kind, (v[3] & 1) != 0, (v[3] & 2) != 0, (uint)(v[4] | (v[5] << 8) | (v[6] << 16) | (v[7] << 24)),
            SFloat(v, 8), posture, SFloat(v, 11), SFloat(v, 13));
    }

    public static string AlertStateName(int state) => state switch
    {
        0 => "idle", 1 => "fall detected, waiting for the wearer", 2 => "ALARM", 3 => "acknowledged", 4 => "test alarm", _ => "state " + state,
    };

    /// <summary>Alarm Status as the phone reads it (vendor alarm service, 16 bytes).</summary>
    public sealed record AlarmStatus(int Highest, bool AudioPaused, bool Latched, bool FallSignal, int Running, int LatchedConditions,
        int Paused, int Acknowledged, int PauseSecondsLeft, int[] Priorities)
    {
        /// <summary>Priority of condition <paramref name="condition"/> (1-based), 0 when it has no alarm.</summary>
        public int PriorityOf(int condition) => Priorities[condition - 1];
    }

    public static AlarmStatus DecodeAlarmStatus(byte[] v)
    {
        uint packed = (uint)(v[12] | (v[13] << 8) | (v[14] << 16) | (v[15] << 24));
        int[] priorities = new int[16];
        for (int c = 0; c < 16; c++)
        {
            priorities[c] = (int)((packed >> (2 * c)) & 3);
        }

        return new AlarmStatus(v[0], (v[1] & 1) != 0, (v[1] & 2) != 0, (v[1] & 4) != 0, U16(v, 2), U16(v, 4), U16(v, 6), U16(v, 8), U16(v, 10), priorities);
    }

    /// <summary>One stored alarm event (Alarm Record, 20 bytes); <see cref="Settings"/> holds the 8 bytes of a settings change.</summary>
    public sealed record AlarmRecordValue(uint Number, bool CalendarTime, bool Latched, uint TimeSeconds, int Kind, int Condition, int Priority,
        double Value, double Limit, int DurationSeconds, int Conditions, byte[]? Settings);

    public static AlarmRecordValue DecodeAlarmRecord(byte[] v)
    {
        uint number = (uint)(v[0] | (v[1] << 8) | (v[2] << 16) | (v[3] << 24));
        uint time = (uint)(v[5] | (v[6] << 8) | (v[7] << 16) | (v[8] << 24));
        if (v[9] == 6)
        {
            return new AlarmRecordValue(number, (v[4] & 1) != 0, false, time, 6, 0, 0, double.NaN, double.NaN, 0, 0, v[12..20]);
        }

        return new AlarmRecordValue(number, (v[4] & 1) != 0, (v[4] & 2) != 0, time, v[9], v[10], v[11], SFloat(v, 12), SFloat(v, 14), U16(v, 16),
            U16(v, 18), null);
    }

    public static string AlarmConditionName(int condition) => condition switch
    {
        1 => "SpO2 low", 2 => "pulse rate high", 3 => "pulse rate low", 4 => "sensor off", 5 => "no signal", 6 => "sensor fault",
        7 => "battery low", 8 => "battery critical", 9 => "store full", 10 => "phone link lost", _ => "condition " + condition,
    };

    public static string AlarmPriorityName(int priority) => priority switch { 0 => "none", 1 => "low", 2 => "medium", 3 => "high", _ => "priority " + priority };

    public static string AlarmKindName(int kind) => kind switch
    {
        1 => "started", 2 => "escalated", 3 => "audio paused", 4 => "ended", 5 => "acknowledged", 6 => "limits changed", 7 => "restored after a restart", _ => "kind " + kind,
    };

    /// <summary>Names of the conditions in a mask.</summary>
    public static string AlarmConditionList(int mask) =>
        string.Join(", ", Enumerable.Range(1, 16).Where(c => (mask & (1 << (c - 1))) != 0).Select(AlarmConditionName));

    private static int U16(byte[] v, int i) => v[i] | (v[i + 1] << 8);

    /// <summary>One line as a health app would show the value of characteristic <paramref name="uuid"/>.</summary>
    public static string Show(string uuid, byte[] v)
    {
        switch (uuid)
        {
            case "2a37":
                var hr = DecodeHeartRate(v);
                string rr = hr.RrMilliseconds.Length == 0 ? "" : "  RR " + string.Join(" ", hr.RrMilliseconds.Select(r => r.ToString("F0", Inv))) + " ms";
                return $"Heart rate {hr.Bpm} bpm{(hr.ContactSupported ? hr.ContactDetected ? " (on skin)" : " (NO CONTACT)" : "")}{rr}";
            case "2a5f":
                return "SpO2 " + PlxText(DecodePlxContinuous(v));
            case "2a5e":
                var spot = DecodePlxSpotCheck(v);
                string when = spot.Timestamp?.ToString("yyyy-MM-dd HH:mm:ss", Inv) ?? (spot.ClockNotSet ? "time unknown (device clock not set)" : "no time");
                string stored = spot.MeasurementStatus is int s && (s & 0x0200) != 0 ? " [stored]" : "";
                return $"Spot-check {when}{stored}: SpO2 {PlxText(spot)}";
            case "2a19":
                return $"Battery {v[0]} %";
            case "2a2b":
                var ct = DecodeCurrentTime(v);
                return "Device time " + (ct.Time?.ToString("yyyy-MM-dd HH:mm:ss", Inv) ?? "not set");
            case "2a52":
                return "Records: RACP response " + Convert.ToHexString(v);
            case "584b0002-5c8b-44d3-94b7-4836cbf4bcd4":
                var f = DecodeFallEvent(v);
                string t = f.CalendarTime
                    ? DateTime.UnixEpoch.AddSeconds(f.TimeSeconds).ToString("yyyy-MM-dd HH:mm:ss", Inv)
                    : f.EarlierBoot ? $"{f.TimeSeconds} s after an earlier boot (before a restart)" : $"{f.TimeSeconds} s after boot";
                return $"FALL {f.Kind.ToUpperInvariant()} #{f.Id} at {t}: impact {Num(f.ImpactG, "F2")} g, {f.Posture}, HR {Num(f.HeartRate, "F0")} bpm, SpO2 {Num(f.Spo2, "F1")} %";
            case "584b0003-5c8b-44d3-94b7-4836cbf4bcd4":
                int id = v[1] | (v[2] << 8);
                return $"Alert state: {AlertStateName(v[0])}{(id != 0 ? $" (event #{id})" : "")}";
            case "584b0011-5c8b-44d3-94b7-4836cbf4bcd4":
                var a = DecodeAlarmStatus(v);
                if (a.Highest == 0)
                {
                    return "Alarms: none";
                }

                var parts = Enumerable.Range(1, 16).Where(c => a.PriorityOf(c) != 0)
                    .Select(c => AlarmConditionName(c) + " (" + AlarmPriorityName(a.PriorityOf(c)) + (((a.LatchedConditions >> (c - 1)) & 1) != 0 ? ", ended, latched" : "") + ")");
                string silence = (a.AudioPaused ? $"  [audio paused {a.PauseSecondsLeft} s]" : "") + (a.Acknowledged != 0 ? "  [acknowledged: " + AlarmConditionList(a.Acknowledged) + "]" : "")
                    + (a.FallSignal ? "  [fall alarm sounding]" : "");
                return $"Alarms: {AlarmPriorityName(a.Highest).ToUpperInvariant()} - {string.Join(", ", parts)}{silence}";
            case "584b0013-5c8b-44d3-94b7-4836cbf4bcd4":
                var r = DecodeAlarmRecord(v);
                string at = r.CalendarTime ? DateTime.UnixEpoch.AddSeconds(r.TimeSeconds).ToString("yyyy-MM-dd HH:mm:ss", Inv) : $"{r.TimeSeconds} s after boot";
                string what = r.Kind switch
                {
                    6 => "limits changed to " + Convert.ToHexString(r.Settings!),
                    3 or 5 => $"{AlarmKindName(r.Kind)}: {AlarmConditionList(r.Conditions)}",
                    _ => $"{AlarmConditionName(r.Condition)} {AlarmKindName(r.Kind)} ({AlarmPriorityName(r.Priority)}{(r.Latched ? ", latched" : "")}) value {Num(r.Value, "F1")} limit {Num(r.Limit, "F1")}",
                };
                return $"Stored alarm #{r.Number} at {at}: {what}";
            case "584b0014-5c8b-44d3-94b7-4836cbf4bcd4":
                return "Stored alarms: RACP response " + Convert.ToHexString(v);
            default:
                return $"{uuid}: {Convert.ToHexString(v)}";
        }
    }

    private static string PlxText(Plx p)
    {
        var sb = new StringBuilder();
        sb.Append(Num(p.Spo2, "F1")).Append(" %  pulse ").Append(Num(p.PulseRate, "F0")).Append(" bpm");
        if (p.Pai is double pai) sb.Append("  PI ").Append(Num(pai, "F2")).Append(" %");
        if (p.MeasurementStatus is int ms)
        {
            if ((ms & 0x2000) != 0) sb.Append("  [measurement unavailable]");
            if ((ms & 0x4000) != 0) sb.Append("  [questionable]");
            if ((ms & 0x8000) != 0) sb.Append("  [invalid]");
        }

        if (p.DeviceSensorStatus is int ds)
        {
            if ((ds & 0x0800) != 0) sb.Append("  [sensor off wrist]");
            if ((ds & 0x0020) != 0) sb.Append("  [low perfusion]");
            if ((ds & 0x0008) != 0) sb.Append("  [inadequate signal]");
        }

        return sb.ToString();
    }

    private static string Num(double v, string format) => double.IsNaN(v) ? "--" : v.ToString(format, Inv);

    /// <summary>Phone-side UUID text: "2a37" for SIG 16-bit codes, canonical form for 128-bit ones.</summary>
    public static string UuidText(byte[] b, int i, int length)
    {
        if (length == 2) return (b[i] | (b[i + 1] << 8)).ToString("x4", Inv);
        var sb = new StringBuilder();
        for (int k = 15; k >= 0; k--)
        {
            sb.Append(b[i + k].ToString("x2", Inv));
            if (k is 12 or 10 or 8 or 6) sb.Append('-');
        }

        string s = sb.ToString();
        return s.EndsWith("-0000-1000-8000-00805f9b34fb", StringComparison.Ordinal) && s.StartsWith("0000", StringComparison.Ordinal) ? s.Substring(4, 4) : s;
    }
}
