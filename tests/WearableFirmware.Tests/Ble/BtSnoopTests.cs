using System.Buffers.Binary;
using WearableFirmware.SimulatedBoard.Ble;
using Xunit;

namespace WearableFirmware.Tests.Ble;

/// <summary>Reads a captured session back record by record, checking the btsnoop v1 / H4 / ACL / L2CAP framing.</summary>
public class BtSnoopTests
{
    [Fact]
    public void A_health_session_capture_is_well_formed()
    {
        var stream = new MemoryStream();
        var bench = new BleBench(stream);
        var phone = bench.NewPhone(5);
        var link = bench.NewLink();
        phone.StartHealthSession(link);
        bench.Clock.SleepMicroseconds(1_000_000);
        bench.Profile.HeartRate.AddRrIntervalMilliseconds(850);
        bench.Profile.HeartRate.NotifyMeasurement(70, true);
        bench.Profile.PulseOximeter.SendSpotCheck(97f, 70f, false, 0, 0, 0, 1f, false);
        phone.Disconnect();

        byte[] file = stream.ToArray();
        Assert.Equal("btsnoop\0"u8.ToArray(), file[..8]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(8)));
        Assert.Equal(1002u, BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12)));

        int offset = 16;
        long lastTime = 0;
        var packets = new List<(uint Flags, byte[] Data)>();
        while (offset < file.Length)
        {
            uint original = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset));
            uint included = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 4));
            uint flags = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8));
            long time = BinaryPrimitives.ReadInt64BigEndian(file.AsSpan(offset + 16));
            Assert.Equal(original, included);
            Assert.True(flags <= 3);
            Assert.True(time >= lastTime);
            Assert.True(time > BtSnoopWriter.UnixEpochMicroseconds);
            lastTime = time;
            packets.Add((flags, file.AsSpan(offset + 24, (int)included).ToArray()));
            offset += 24 + (int)included;
        }

        Assert.Equal(file.Length, offset);
        Assert.Equal(bench.Snoop!.Records, packets.Count);
        // Starts with LE Connection Complete, ends with Disconnection Complete, has an Encryption Change.
        Assert.Equal([0x04, 0x3E, 19, 0x01, 0x00], packets[0].Data[..5]);
        Assert.Equal([0x04, 0x05, 4, 0x00], packets[^1].Data[..4]);
        Assert.Contains(packets, p => p.Data[0] == 0x04 && p.Data[1] == 0x08);

        foreach (var (flags, data) in packets.Where(p => p.Data[0] == 0x02))
        {
            int aclLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(3));
            int l2capLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(5));
            Assert.Equal(data.Length - 5, aclLength);
            Assert.Equal(aclLength - 4, l2capLength);
            Assert.Contains(BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(7)), new ushort[] { 0x0004, 0x0006 });
            Assert.Equal(0x2000, BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(1)) & 0x3000);
            Assert.Equal(0u, flags & 2);
        }

        var att = SmpCapture.Channel(packets, 0x0004);
        // The phone's first protected access starts Passkey Entry on CID 0x0006; encryption follows the DHKey checks.
        var smp = SmpCapture.Channel(packets, SmpCode.Cid);
        Assert.Equal(smp.Count, SmpCapture.AssertPasskeyPairing(smp, bench.Pairing.Passkey));
        int lastSmp = packets.FindLastIndex(p => p.Data[0] == 0x02 && p.Data[7] == 0x06);
        Assert.Equal([0x04, 0x08, 4, 0x00], packets[lastSmp + 1].Data[..4]);   // Encryption Change, success

        Assert.Equal((true, (byte)0x02), (att[0].FromPhone, att[0].Pdu[0]));   // phone opens with Exchange MTU
        Assert.Equal((false, (byte)0x03), (att[1].FromPhone, att[1].Pdu[0]));
        Assert.Contains(att, a => a is { FromPhone: true, Pdu: [0x10, ..] });       // Read By Group Type
        Assert.Contains(att, a => a is { FromPhone: false, Pdu: [0x1B, ..] });      // notification
        Assert.Contains(att, a => a is { FromPhone: false, Pdu: [0x1D, ..] });      // indication
        Assert.Contains(att, a => a is { FromPhone: true, Pdu: [0x1E] });           // confirmation
    }
}

/// <summary>Wireshark's own dissectors as an independent reader of the capture (runs where tshark is installed).</summary>
public class BtSnoopWiresharkTests
{
    [SkippableFact]
    public void Tshark_decodes_the_capture_without_malformed_packets_and_reads_the_plx_values()
    {
        string? tshark = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, "tshark")).FirstOrDefault(File.Exists);
        Skip.If(tshark == null, "tshark (Wireshark) is not installed; the capture's framing is still checked by A_health_session_capture_is_well_formed");

        string path = Path.Combine(Path.GetTempPath(), $"wf-ble-{Environment.ProcessId}.btsnoop");
        try
        {
            using (var file = File.Create(path))
            {
                var bench = new BleBench(file);
                var phone = bench.NewPhone(5);
                phone.StartHealthSession(bench.NewLink());
                bench.Profile.HeartRate.AddRrIntervalMilliseconds(800);
                bench.Profile.HeartRate.NotifyMeasurement(72, true);
                bench.Profile.PulseOximeter.NotifyContinuous(97.5f, 72f, 0, 0, 2.5f);
                phone.Disconnect();
            }

            string all = Run(tshark!, $"-r {path} -V");
            Assert.Equal("", Run(tshark!, $"-r {path} -Y \"_ws.malformed || _ws.expert.severity >= warning\"").Trim());
            Assert.Contains("Heart Rate Measurement (0x2a37)", all);
            Assert.Contains("RR Interval: 819", all);      // 800 ms in 1/1024 s
            Assert.Contains("SpO2: 97.5", all);
            Assert.Contains("Pulse Rate: 72", all);
            Assert.Contains("Pulse Amplitude Index: 2.5", all);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Run(string exe, string arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(exe, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
