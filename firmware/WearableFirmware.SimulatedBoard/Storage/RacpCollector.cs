using WearableFirmware.Storage;

namespace WearableFirmware.SimulatedBoard.Storage;

/// <summary>
/// The phone side of the Record Access Control Point at the GATT-value level: receives stored records and RACP
/// responses through <see cref="IRecordTransport"/>, remembers the newest sequence number it holds (kept on the
/// phone, so it survives device reboots), and retrieves what it missed with "report records ≥ last + 1", the way a
/// collector avoids duplicates. It counts every duplicate or out-of-order record it is sent.
/// </summary>
public sealed class RacpCollector : IRecordTransport
{
    private bool _recordUnconfirmed;
    private bool _responseUnconfirmed;

    public bool Connected { get; set; } = true;

    /// <summary>Newest stored spot-check the phone holds (0: none yet).</summary>
    public int LastSequence { get; private set; }

    public List<ReceivedRecord> Records { get; } = new();

    public List<byte[]> Responses { get; } = new();

    /// <summary>Records sent that the phone already had or that came out of order (must stay 0).</summary>
    public int Duplicates { get; private set; }

    public byte LastAttStatus { get; private set; }

    public byte[] LastResponse => Responses.Count > 0 ? Responses[^1] : [];

    public bool SendStoredRecord(StoredRecord record)
    {
        if (!Connected)
        {
            return false;
        }

        if (record.Sequence <= LastSequence)
        {
            Duplicates++;
        }
        else
        {
            LastSequence = record.Sequence;
        }

        Records.Add(new ReceivedRecord(record.Sequence, record.Type, record.ClockSet, record.Time, record.Payload[..record.PayloadLength]));
        _recordUnconfirmed = true;
        return true;
    }

    public bool SendRacpResponse(byte[] value, int length)
    {
        if (Connected)
        {
            Responses.Add(value[..length]);
            _responseUnconfirmed = true;
        }

        return Connected;
    }

    /// <summary>The request a collector writes to fetch what it has not got: all records, or ≥ last + 1 by sequence number.</summary>
    public byte[] MissedRecordsRequest() => LastSequence == 0
        ? [(byte)RacpOpCode.ReportStoredRecords, (byte)RacpOperator.AllRecords]
        : SequenceRequest(RacpOpCode.ReportStoredRecords, RacpOperator.GreaterThanOrEqualTo, LastSequence + 1);

    /// <summary>A RACP request with the sequence-number filter (one or two 32-bit operands).</summary>
    public static byte[] SequenceRequest(RacpOpCode op, RacpOperator oper, int first, int second = -1)
    {
        var bytes = new List<byte> { (byte)op, (byte)oper, (byte)RacpFilterType.SequenceNumber };
        bytes.AddRange(BitConverter.GetBytes((uint)first));
        if (second >= 0)
        {
            bytes.AddRange(BitConverter.GetBytes((uint)second));
        }

        return bytes.ToArray();
    }

    /// <summary>Writes <paramref name="request"/> and drives the procedure to its response, confirming every indication.</summary>
    /// <param name="dropLinkBeforeConfirm">Asked before each record confirmation; true drops the link there.</param>
    public RetrievalOutcome Run(RacpControlPoint racp, byte[] request, Func<bool>? dropLinkBeforeConfirm = null)
    {
        LastAttStatus = racp.Write(request, 0, request.Length, true, true);
        if (LastAttStatus != RacpControlPoint.AttSuccess)
        {
            return RetrievalOutcome.Refused;
        }

        return Drive(racp, dropLinkBeforeConfirm);
    }

    /// <summary>Polls the control point and confirms indications until its response is confirmed.</summary>
    public RetrievalOutcome Drive(RacpControlPoint racp, Func<bool>? dropLinkBeforeConfirm = null)
    {
        for (int guard = 0; guard < 10_000_000; guard++)
        {
            racp.Poll();
            if (_recordUnconfirmed)
            {
                _recordUnconfirmed = false;
                if (dropLinkBeforeConfirm != null && dropLinkBeforeConfirm())
                {
                    Disconnect(racp);
                    return RetrievalOutcome.Disconnected;
                }

                racp.OnRecordConfirmed();
            }
            else if (_responseUnconfirmed)
            {
                _responseUnconfirmed = false;
                racp.OnResponseConfirmed();
                racp.Poll();
                if (!racp.InProgress)
                {
                    return RetrievalOutcome.Completed;
                }
            }
            else if (!racp.InProgress)
            {
                return RetrievalOutcome.Completed;
            }
        }

        throw new InvalidOperationException("RACP procedure did not finish");
    }

    public void Disconnect(RacpControlPoint racp)
    {
        Connected = false;
        _recordUnconfirmed = false;
        _responseUnconfirmed = false;
        racp.OnDisconnected();
    }
}
