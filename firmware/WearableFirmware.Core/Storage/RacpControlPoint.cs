namespace WearableFirmware.Storage
{
    /// <summary>
    /// Record Access Control Point (0x2A52) of the Pulse Oximeter service over the <see cref="RecordStore"/>'s
    /// spot-check records. A write is checked at once (<see cref="Write"/> returns the ATT status for the write
    /// response); the procedure itself runs in <see cref="Poll"/> on the loop thread: one record per confirmed
    /// indication, deletes in bounded batches, then the response indication. Abort is honoured between records.
    /// <para>
    /// Beyond PLX 1.0.1 (which defines only "All records") the operators ≤, ≥, within range, first and last are
    /// served with filter type 0x01 = sequence number (a 32-bit little-endian operand, as the store numbers records);
    /// construct with sequenceFilters false for the strict PLX set.
    /// </para>
    /// Not thread-safe: the BLE glue hands writes and confirmations to the loop thread.
    /// </summary>
    public sealed class RacpControlPoint
    {
        public const byte AttSuccess = 0x00;

        /// <summary>ATT error: a RACP write arrived while a procedure was running (abort excepted).</summary>
        public const byte AttProcedureAlreadyInProgress = 0xFE;

        /// <summary>ATT error: indications needed by the procedure are not enabled by the client.</summary>
        public const byte AttCccdImproperlyConfigured = 0xFD;

        /// <summary>Records marked deleted per <see cref="Poll"/> call, so a big delete never stalls the loop.</summary>
        public const int DeleteBatch = 16;

        private const int MaxRequest = 20;

        private const int StateIdle = 0;
        private const int StateRequested = 1;
        private const int StateAwaitingRecordConfirm = 2;
        private const int StateDeleting = 3;
        private const int StateAwaitingResponseConfirm = 4;

        private readonly RecordStore _store;
        private readonly IRecordTransport _transport;
        private readonly bool _sequenceFilters;
        private readonly RecordType _recordType;
        private readonly StoredRecord _record = new StoredRecord();
        private readonly byte[] _request = new byte[MaxRequest];
        private readonly byte[] _response = new byte[4];
        private int _requestLength;
        private int _state;
        private int _from;
        private int _to;
        private int _cursor;
        private int _inFlight;
        private bool _recordConfirmed;
        private bool _responseConfirmed;
        private bool _abortRequested;
        private bool _abortUnsuccessfulPending;

        public RacpControlPoint(RecordStore store, IRecordTransport transport)
            : this(store, transport, true)
        {
        }

        public RacpControlPoint(RecordStore store, IRecordTransport transport, bool sequenceFilters)
            : this(store, transport, sequenceFilters, RecordType.SpotCheck)
        {
        }

        /// <param name="recordType">The records the procedures report, count and delete (spot-checks for PLX, alarms for the alarm service).</param>
        public RacpControlPoint(RecordStore store, IRecordTransport transport, bool sequenceFilters, RecordType recordType)
        {
            _store = store;
            _transport = transport;
            _sequenceFilters = sequenceFilters;
            _recordType = recordType;
        }

        /// <summary>True from an accepted write until its response indication is confirmed (or the link drops).</summary>
        public bool InProgress
        {
            get { return _state != StateIdle; }
        }

        /// <summary>Records sent and confirmed over this object's life.</summary>
        public int RecordsConfirmed { get; private set; }

        /// <summary>
        /// Handles a client write to the RACP. Returns the ATT status for the write response: success, Procedure
        /// Already In Progress (0xFE) or Client Characteristic Configuration Descriptor Improperly Configured (0xFD:
        /// RACP indications off, or Spot-check Measurement indications off for a report).
        /// </summary>
        public byte Write(byte[] value, int offset, int count, bool racpIndicationsEnabled, bool measurementIndicationsEnabled)
        {
            if (!racpIndicationsEnabled)
            {
                return AttCccdImproperlyConfigured;
            }

            int opCode = count > 0 ? value[offset] : -1;
            if (_state != StateIdle)
            {
                if (opCode != (int)RacpOpCode.AbortOperation)
                {
                    return AttProcedureAlreadyInProgress;
                }

                if (_state == StateRequested || _state == StateAwaitingRecordConfirm)
                {
                    _abortRequested = true;
                }
                else
                {
                    _abortUnsuccessfulPending = true;
                }

                return AttSuccess;
            }

            if (opCode == (int)RacpOpCode.ReportStoredRecords && !measurementIndicationsEnabled)
            {
                return AttCccdImproperlyConfigured;
            }

            _requestLength = count < MaxRequest ? count : MaxRequest;
            for (int i = 0; i < _requestLength; i++)
            {
                _request[i] = value[offset + i];
            }

            if (count > MaxRequest)
            {
                _requestLength = MaxRequest + 1; // longer than any valid request: reported as an invalid operand
            }

            _state = StateRequested;
            return AttSuccess;
        }

        /// <summary>The client confirmed the last stored record's indication.</summary>
        public void OnRecordConfirmed()
        {
            if (_state == StateAwaitingRecordConfirm)
            {
                _recordConfirmed = true;
            }
        }

        /// <summary>The client confirmed the RACP response indication.</summary>
        public void OnResponseConfirmed()
        {
            if (_state == StateAwaitingResponseConfirm)
            {
                _responseConfirmed = true;
            }
        }

        /// <summary>The link dropped: whatever ran is abandoned (records already confirmed stay marked delivered).</summary>
        public void OnDisconnected()
        {
            _state = StateIdle;
            _recordConfirmed = false;
            _responseConfirmed = false;
            _abortRequested = false;
            _abortUnsuccessfulPending = false;
        }

        /// <summary>Advances the running procedure by a bounded step; call from the loop.</summary>
        public void Poll()
        {
            switch (_state)
            {
                case StateRequested:
                    if (_abortRequested)
                    {
                        _abortRequested = false;
                        Respond(RacpOpCode.AbortOperation, RacpResponseCode.Success);
                    }
                    else
                    {
                        Start();
                    }

                    break;
                case StateAwaitingRecordConfirm:
                    if (_recordConfirmed)
                    {
                        _recordConfirmed = false;
                        _store.MarkDelivered(_inFlight);
                        RecordsConfirmed++;
                        _cursor = _inFlight + 1;
                        if (_abortRequested)
                        {
                            _abortRequested = false;
                            Respond(RacpOpCode.AbortOperation, RacpResponseCode.Success);
                        }
                        else
                        {
                            SendNextRecord();
                        }
                    }

                    break;
                case StateDeleting:
                    DeleteStep();
                    break;
                case StateAwaitingResponseConfirm:
                    if (_responseConfirmed)
                    {
                        _responseConfirmed = false;
                        if (_abortUnsuccessfulPending)
                        {
                            _abortUnsuccessfulPending = false;
                            Respond(RacpOpCode.AbortOperation, RacpResponseCode.AbortUnsuccessful);
                        }
                        else
                        {
                            _state = StateIdle;
                        }
                    }

                    break;
            }
        }

        private void Start()
        {
            if (_requestLength == 0)
            {
                Respond(0, RacpResponseCode.OpCodeNotSupported);
                return;
            }

            int opCode = _request[0];
            if (opCode == (int)RacpOpCode.AbortOperation)
            {
                // Nothing runs, so nothing is left to abort.
                RacpResponseCode code = _requestLength < 2 || _request[1] != (byte)RacpOperator.Null
                    ? RacpResponseCode.InvalidOperator
                    : _requestLength > 2 ? RacpResponseCode.InvalidOperand : RacpResponseCode.Success;
                Respond(RacpOpCode.AbortOperation, code);
                return;
            }

            if (opCode != (int)RacpOpCode.ReportStoredRecords && opCode != (int)RacpOpCode.DeleteStoredRecords
                && opCode != (int)RacpOpCode.ReportNumberOfStoredRecords)
            {
                Respond((RacpOpCode)opCode, RacpResponseCode.OpCodeNotSupported);
                return;
            }

            RacpResponseCode selection = SelectRange();
            if (selection != RacpResponseCode.Success)
            {
                Respond((RacpOpCode)opCode, selection);
                return;
            }

            int count = _from > _to ? 0 : _store.Count(_from, _to, _recordType);
            if (opCode == (int)RacpOpCode.ReportNumberOfStoredRecords)
            {
                _response[0] = (byte)RacpOpCode.NumberOfStoredRecordsResponse;
                _response[1] = (byte)RacpOperator.Null;
                _response[2] = (byte)(count > 0xFFFF ? 0xFF : count);
                _response[3] = (byte)(count > 0xFFFF ? 0xFF : count >> 8);
                SendResponse();
                return;
            }

            if (count == 0)
            {
                Respond((RacpOpCode)opCode, RacpResponseCode.NoRecordsFound);
                return;
            }

            _cursor = _from;
            if (opCode == (int)RacpOpCode.DeleteStoredRecords)
            {
                _state = StateDeleting;
                DeleteStep();
            }
            else
            {
                SendNextRecord();
            }
        }

        /// <summary>Turns operator and operand into the sequence range [_from, _to]; anything else is the error to report.</summary>
        private RacpResponseCode SelectRange()
        {
            if (_requestLength < 2)
            {
                return RacpResponseCode.InvalidOperator;
            }

            int op = _request[1];
            int operandLength = _requestLength - 2;
            if (op == (int)RacpOperator.Null)
            {
                return RacpResponseCode.InvalidOperator;
            }

            if (op > (int)RacpOperator.LastRecord || op != (int)RacpOperator.AllRecords && !_sequenceFilters)
            {
                return RacpResponseCode.OperatorNotSupported;
            }

            _from = 1;
            _to = int.MaxValue;
            if (op == (int)RacpOperator.AllRecords || op == (int)RacpOperator.FirstRecord || op == (int)RacpOperator.LastRecord)
            {
                if (operandLength != 0)
                {
                    return RacpResponseCode.InvalidOperand;
                }

                if (op != (int)RacpOperator.AllRecords)
                {
                    int found = op == (int)RacpOperator.FirstRecord
                        ? _store.FindFirst(1, int.MaxValue, _recordType, false)
                        : _store.FindLast(1, int.MaxValue, _recordType);
                    _from = found > 0 ? found : 1;
                    _to = found > 0 ? found : 0;
                }

                return RacpResponseCode.Success;
            }

            if (operandLength < 1)
            {
                return RacpResponseCode.InvalidOperand;
            }

            if (_request[2] != (byte)RacpFilterType.SequenceNumber)
            {
                return RacpResponseCode.OperandNotSupported;
            }

            int values = op == (int)RacpOperator.WithinRangeOfInclusive ? 2 : 1;
            if (operandLength != 1 + 4 * values)
            {
                return RacpResponseCode.InvalidOperand;
            }

            int first = ClampedSequence(3);
            if (op == (int)RacpOperator.LessThanOrEqualTo)
            {
                _to = first;
            }
            else if (op == (int)RacpOperator.GreaterThanOrEqualTo)
            {
                _from = first;
            }
            else
            {
                int last = ClampedSequence(7);
                if (first > last)
                {
                    return RacpResponseCode.InvalidOperand;
                }

                _from = first;
                _to = last;
            }

            return RacpResponseCode.Success;
        }

        private int ClampedSequence(int at)
        {
            uint value = RecordLayout.ReadUInt32(_request, at);
            return value > int.MaxValue ? int.MaxValue : (int)value;
        }

        private void SendNextRecord()
        {
            while (true)
            {
                int sequence = _cursor <= _to ? _store.FindFirst(_cursor, _to, _recordType, false) : 0;
                if (sequence == 0)
                {
                    Respond(RacpOpCode.ReportStoredRecords, RacpResponseCode.Success);
                    return;
                }

                if (!_store.TryRead(sequence, _record))
                {
                    // Damaged since start-up: never sent; the store has marked it, so the search moves past it.
                    _cursor = sequence + 1;
                    continue;
                }

                // State first: a transport may confirm before SendStoredRecord returns.
                _inFlight = sequence;
                _state = StateAwaitingRecordConfirm;
                _recordConfirmed = false;
                if (!_transport.SendStoredRecord(_record))
                {
                    Respond(RacpOpCode.ReportStoredRecords, RacpResponseCode.ProcedureNotCompleted);
                }

                return;
            }
        }

        private void DeleteStep()
        {
            for (int i = 0; i < DeleteBatch; i++)
            {
                int sequence = _cursor <= _to ? _store.FindFirst(_cursor, _to, _recordType, false) : 0;
                if (sequence == 0)
                {
                    Respond(RacpOpCode.DeleteStoredRecords, RacpResponseCode.Success);
                    return;
                }

                if (!_store.MarkDeleted(sequence))
                {
                    Respond(RacpOpCode.DeleteStoredRecords, RacpResponseCode.ProcedureNotCompleted);
                    return;
                }

                _cursor = sequence + 1;
            }
        }

        private void Respond(RacpOpCode requestOpCode, RacpResponseCode code)
        {
            _response[0] = (byte)RacpOpCode.ResponseCode;
            _response[1] = (byte)RacpOperator.Null;
            _response[2] = (byte)requestOpCode;
            _response[3] = (byte)code;
            SendResponse();
        }

        private void SendResponse()
        {
            _state = StateAwaitingResponseConfirm;
            _responseConfirmed = false;
            if (!_transport.SendRacpResponse(_response, 4))
            {
                // No confirmation will come for a response that was never queued: end the procedure so the client's
                // next request is not refused for the rest of the connection (confirmed records stay delivered).
                _state = StateIdle;
                _abortRequested = false;
                _abortUnsuccessfulPending = false;
            }
        }
    }
}
