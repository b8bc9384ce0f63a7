using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using Xunit;

namespace WearableFirmware.Tests.Storage;

public class RacpControlPointTests
{
    private readonly StoreRig _rig = new(segments: 4, segmentSize: 512);
    private readonly RacpCollector _phone = new();
    private readonly RacpControlPoint _racp;

    public RacpControlPointTests()
    {
        _racp = new RacpControlPoint(_rig.Store, _phone);
        // Sequence numbers 1..10 are spot-checks 1..10, then a fall (11) and spot-check 11 (12).
        for (int id = 1; id <= 10; id++)
        {
            _rig.AppendSpotCheck(id);
        }

        _rig.Store.Append(RecordType.Fall, [9], 0, 1);
        _rig.AppendSpotCheck(11);
    }

    private static string Hex(byte[] b) => Convert.ToHexString(b);

    private int[] Report(params byte[] request)
    {
        int before = _phone.Records.Count;
        Assert.Equal(RetrievalOutcome.Completed, _phone.Run(_racp, request));
        return _phone.Records.Skip(before).Select(r => r.Sequence).ToArray();
    }

    [Fact]
    public void Report_all_sends_every_spot_check_in_order_then_success()
    {
        int[] sent = Report(0x01, 0x01);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12], sent);
        Assert.Equal("06000101", Hex(_phone.LastResponse));
        Assert.All(_phone.Records, r => Assert.Equal(RecordType.SpotCheck, r.Type));
        Assert.Equal(StoreRig.Payload(3), _phone.Records[2].Payload);
    }

    [Fact]
    public void Confirmed_records_are_marked_delivered_on_flash()
    {
        Report(0x01, 0x03, 0x01, 9, 0, 0, 0); // ≥ 9
        _rig.Reboot();
        Assert.Equal(8, _rig.Store.CountUndelivered(RecordType.SpotCheck));
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x02, 0x01, 3, 0, 0, 0 }, new[] { 1, 2, 3 })]            // ≤ 3
    [InlineData(new byte[] { 0x01, 0x03, 0x01, 10, 0, 0, 0 }, new[] { 10, 12 })]           // ≥ 10
    [InlineData(new byte[] { 0x01, 0x04, 0x01, 4, 0, 0, 0, 6, 0, 0, 0 }, new[] { 4, 5, 6 })] // within 4..6
    [InlineData(new byte[] { 0x01, 0x05 }, new[] { 1 })]                                    // first
    [InlineData(new byte[] { 0x01, 0x06 }, new[] { 12 })]                                   // last
    [InlineData(new byte[] { 0x01, 0x03, 0x01, 0xFF, 0xFF, 0xFF, 0xFF }, new int[0])]        // ≥ 2^32-1: none
    public void Operators_select_by_sequence_number(byte[] request, int[] expected)
    {
        int[] sent = Report(request);
        Assert.Equal(expected, sent);
        Assert.Equal(expected.Length == 0 ? "06000106" : "06000101", Hex(_phone.LastResponse));
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x01 }, "05000B00")]                                  // all: 11 spot-checks
    [InlineData(new byte[] { 0x04, 0x02, 0x01, 5, 0, 0, 0 }, "05000500")]
    [InlineData(new byte[] { 0x04, 0x04, 0x01, 11, 0, 0, 0, 11, 0, 0, 0 }, "05000000")]    // the fall is not counted
    [InlineData(new byte[] { 0x04, 0x06 }, "05000100")]
    public void Report_number_answers_with_a_uint16_count(byte[] request, string response)
    {
        Report(request);
        Assert.Equal(response, Hex(_phone.LastResponse));
        Assert.Empty(_phone.Records);
    }

    [Fact]
    public void Delete_removes_the_selected_records_from_reports_and_survives_a_reboot()
    {
        Report(0x02, 0x02, 0x01, 4, 0, 0, 0); // delete ≤ 4
        Assert.Equal("06000201", Hex(_phone.LastResponse));
        Report(0x04, 0x01);
        Assert.Equal("05000700", Hex(_phone.LastResponse));
        _rig.Reboot();
        var racp = new RacpControlPoint(_rig.Store, _phone);
        Assert.Equal(RetrievalOutcome.Completed, _phone.Run(racp, [0x01, 0x05]));
        Assert.Equal(5, _phone.Records[^1].Sequence);
        Assert.Equal(RetrievalOutcome.Completed, _phone.Run(racp, [0x02, 0x01]));
        Assert.Equal(RetrievalOutcome.Completed, _phone.Run(racp, [0x01, 0x01]));
        Assert.Equal("06000106", Hex(_phone.LastResponse)); // nothing left
    }

    [Theory]
    [InlineData(new byte[0], "06000002")]                                                 // empty write
    [InlineData(new byte[] { 0x00, 0x01 }, "06000002")]                                  // op code 0: not supported
    [InlineData(new byte[] { 0x07, 0x01 }, "06000702")]                                  // RFU op code
    [InlineData(new byte[] { 0x05, 0x00, 0x00, 0x00 }, "06000502")]                      // a response op code as request
    [InlineData(new byte[] { 0x06, 0x00, 0x01, 0x01 }, "06000602")]
    [InlineData(new byte[] { 0x01, 0x00 }, "06000103")]                                  // Null operator: invalid operator
    [InlineData(new byte[] { 0x01 }, "06000103")]                                        // operator missing
    [InlineData(new byte[] { 0x03, 0x01 }, "06000303")]                                  // abort needs the Null operator
    [InlineData(new byte[] { 0x01, 0x07 }, "06000104")]                                  // RFU operator: not supported
    [InlineData(new byte[] { 0x04, 0xFF }, "06000404")]
    [InlineData(new byte[] { 0x01, 0x01, 0x01 }, "06000105")]                            // "all" takes no operand
    [InlineData(new byte[] { 0x01, 0x03, 0x01, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "06000105")] // 21 bytes: longer than any request
    [InlineData(new byte[] { 0x01, 0x02 }, "06000105")]                                  // ≤ without operand
    [InlineData(new byte[] { 0x01, 0x02, 0x01, 5, 0 }, "06000105")]                      // short operand
    [InlineData(new byte[] { 0x01, 0x04, 0x01, 6, 0, 0, 0, 4, 0, 0, 0 }, "06000105")]   // range upside down
    [InlineData(new byte[] { 0x03, 0x00, 0x00 }, "06000305")]                            // abort takes no operand
    [InlineData(new byte[] { 0x01, 0x02, 0x02, 5, 0, 0, 0, 0, 0, 0, 0, 0 }, "06000109")] // filter type 2 (user facing time)
    [InlineData(new byte[] { 0x02, 0x03, 0x01, 99, 0, 0, 0 }, "06000206")]               // delete ≥ 99: no records
    [InlineData(new byte[] { 0x03, 0x00 }, "06000301")]                                  // abort with nothing running
    public void Every_malformed_or_empty_request_gets_its_response_code(byte[] request, string response)
    {
        Report(request);
        Assert.Equal(response, Hex(_phone.LastResponse));
        Assert.Empty(_phone.Records);
        Assert.False(_racp.InProgress);
    }

    [Fact]
    public void Strict_PLX_mode_serves_only_all_records()
    {
        var racp = new RacpControlPoint(_rig.Store, _phone, sequenceFilters: false);
        Assert.Equal(RetrievalOutcome.Completed, _phone.Run(racp, [0x01, 0x05]));
        Assert.Equal("06000104", Hex(_phone.LastResponse));
        Assert.Equal(RetrievalOutcome.Completed, _phone.Run(racp, [0x04, 0x01]));
        Assert.Equal("05000B00", Hex(_phone.LastResponse));
    }

    [Fact]
    public void No_records_found_on_an_empty_store()
    {
        var rig = new StoreRig();
        var racp = new RacpControlPoint(rig.Store, _phone);
        Assert.Equal(RetrievalOutcome.Completed, _phone.Run(racp, [0x01, 0x01]));
        Assert.Equal("06000106", Hex(_phone.LastResponse));
        Assert.Equal(RetrievalOutcome.Completed, _phone.Run(racp, [0x04, 0x01]));
        Assert.Equal("05000000", Hex(_phone.LastResponse));
    }

    [Fact]
    public void Writes_while_a_procedure_runs_get_procedure_already_in_progress()
    {
        Assert.Equal(RacpControlPoint.AttSuccess, _racp.Write([0x01, 0x01], 0, 2, true, true));
        _racp.Poll(); // first record out, waiting for its confirmation
        Assert.True(_racp.InProgress);
        Assert.Equal(RacpControlPoint.AttProcedureAlreadyInProgress, _racp.Write([0x04, 0x01], 0, 2, true, true));
        Assert.Equal(RacpControlPoint.AttProcedureAlreadyInProgress, _racp.Write([0x01, 0x01], 0, 2, true, true));
        _phone.Drive(_racp);
        Assert.Equal("06000101", Hex(_phone.LastResponse));
        Assert.Equal(11, _phone.Records.Count);
    }

    [Fact]
    public void Writes_without_indications_enabled_get_CCCD_improperly_configured()
    {
        Assert.Equal(RacpControlPoint.AttCccdImproperlyConfigured, _racp.Write([0x04, 0x01], 0, 2, false, true));
        // Reporting records also needs Spot-check Measurement indications; counting does not.
        Assert.Equal(RacpControlPoint.AttCccdImproperlyConfigured, _racp.Write([0x01, 0x01], 0, 2, true, false));
        Assert.False(_racp.InProgress);
        Assert.Equal(RacpControlPoint.AttSuccess, _racp.Write([0x04, 0x01], 0, 2, true, false));
    }

    [Fact]
    public void Abort_is_honoured_between_records()
    {
        Assert.Equal(RacpControlPoint.AttSuccess, _racp.Write([0x01, 0x01], 0, 2, true, true));
        _racp.Poll();
        _racp.OnRecordConfirmed();
        _racp.Poll();
        _racp.OnRecordConfirmed();
        _racp.Poll(); // record 3 is out, unconfirmed
        Assert.Equal(3, _phone.Records.Count);
        Assert.Equal(RacpControlPoint.AttSuccess, _racp.Write([0x03, 0x00], 0, 2, true, true));
        _racp.Poll();
        Assert.Equal(3, _phone.Records.Count); // nothing more before record 3 is confirmed
        _phone.Drive(_racp);
        Assert.Equal(3, _phone.Records.Count);
        Assert.Equal("06000301", Hex(_phone.LastResponse)); // the abort's response; the report gets none
        Assert.Single(_phone.Responses);
        Assert.Equal(8, _rig.Store.CountUndelivered(RecordType.SpotCheck)); // 1..3 confirmed
    }

    [Fact]
    public void Abort_during_a_delete_is_unsuccessful_and_the_delete_completes()
    {
        for (int id = 100; id < 140; id++)
        {
            _rig.AppendSpotCheck(id); // more than one delete batch
        }

        Assert.Equal(RacpControlPoint.AttSuccess, _racp.Write([0x02, 0x01], 0, 2, true, true));
        _racp.Poll();
        Assert.True(_racp.InProgress);
        Assert.Equal(RacpControlPoint.AttSuccess, _racp.Write([0x03, 0x00], 0, 2, true, true));
        _phone.Drive(_racp);
        Assert.Equal(["06000201", "06000307"], _phone.Responses.Select(Hex));
        Assert.Equal(0, _rig.Store.Count(1, int.MaxValue, RecordType.SpotCheck));
    }

    [Fact]
    public void A_record_the_transport_cannot_send_ends_the_report_with_procedure_not_completed()
    {
        var transport = new CountingTransport { Refuse = true };
        var racp = new RacpControlPoint(_rig.Store, transport);
        racp.Write([0x01, 0x01], 0, 2, true, true);
        racp.Poll();
        Assert.Equal((byte)RacpResponseCode.ProcedureNotCompleted, transport.LastResponseCode);
        racp.OnResponseConfirmed();
        racp.Poll();
        Assert.False(racp.InProgress);
    }

    [Fact]
    public void A_response_the_transport_cannot_queue_does_not_block_the_control_point()
    {
        // The indication queue is full (or the client turned RACP indications off): the response is lost and no
        // confirmation will ever come, so the control point must accept the client's next request.
        var transport = new CountingTransport { RefuseResponses = true };
        var racp = new RacpControlPoint(_rig.Store, transport);
        Assert.Equal(RacpControlPoint.AttSuccess, racp.Write([0x04, 0x01], 0, 2, true, true));
        racp.Poll();
        Assert.False(racp.InProgress);

        transport.RefuseResponses = false;
        Assert.Equal(RacpControlPoint.AttSuccess, racp.Write([0x04, 0x01], 0, 2, true, true));
        racp.Poll();
        Assert.Equal(1, transport.Responses);
    }

    [Fact]
    public void A_record_damaged_since_start_up_is_skipped_not_sent()
    {
        _rig.Flash.FlipBit(0, 3 * RecordLayout.SlotSize + RecordLayout.TimeOffset, 0); // sequence 4
        int[] sent = Report(0x01, 0x01);
        Assert.Equal([1, 2, 3, 5, 6, 7, 8, 9, 10, 12], sent);
        Assert.Equal(1, _rig.Store.CorruptOnRead);
    }

    [Fact]
    public void A_disconnect_abandons_the_procedure_and_the_next_connection_resumes_without_duplicates()
    {
        int confirmations = 0;
        Assert.Equal(RetrievalOutcome.Disconnected, _phone.Run(_racp, _phone.MissedRecordsRequest(), () => ++confirmations == 5));
        Assert.False(_racp.InProgress);
        _phone.Connected = true;
        Assert.Equal(RetrievalOutcome.Completed, _phone.Run(_racp, _phone.MissedRecordsRequest()));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12], _phone.Records.Select(r => r.Sequence));
        Assert.Equal(0, _phone.Duplicates);
        Assert.Equal(1, _rig.Store.CountUndelivered(RecordType.SpotCheck)); // #5 arrived but its confirmation was lost
    }
}
