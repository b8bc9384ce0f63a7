using CsCheck;
using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using WearableFirmware.Time;
using Xunit;

namespace WearableFirmware.Tests.Storage;

/// <summary>
/// RACP and its ATT handling with two bonded phones, as properties over generated interleavings: writes of any
/// request (well-formed or not), confirmations held and given, subscriptions dropped, disconnects and reconnects,
/// new records, loop polls. CsCheck shrinks a failure to the shortest interleaving.
/// </summary>
public class RacpModelTests
{
    public readonly record struct Step(int Kind, int Phone, int A)
    {
        public override string ToString() => $"{"AB"[Phone]}:" + Kind switch
        {
            < 25 => $"Write({Convert.ToHexString(Requests[A % Requests.Length])})",
            < 50 => "Confirm",
            < 55 => "Disconnect+Reconnect",
            < 58 => "UnsubscribeSpotCheck",
            < 61 => "Subscribe",
            < 70 => "Append",
            _ => "Poll",
        };
    }

    private static readonly byte[][] Requests =
    [
        [0x01, 0x01], [0x01, 0x03, 0x01, 0x05, 0, 0, 0], [0x01, 0x04, 0x01, 0x02, 0, 0, 0, 0x09, 0, 0, 0], [0x01, 0x05], [0x01, 0x06],
        [0x04, 0x01], [0x02, 0x03, 0x01, 0x30, 0, 0, 0], [0x03, 0x00], [0x03, 0x01], [0x01, 0x00], [0x01, 0x07], [0x01, 0x03, 0x02, 1, 0, 0, 0],
        [0x09, 0x01], [0x01, 0x04, 0x01, 0x09, 0, 0, 0, 0x02, 0, 0, 0], [0x01], [0x01, 0x01, 0x00],
    ];

    private static readonly Gen<Step[]> Interleavings =
        Gen.Select(Gen.Int[0, 99], Gen.Int[0, 1], Gen.Int[0, 63], (k, p, a) => new Step(k, p, a)).Array[1, 120];

    [Fact]
    public void Two_phones_each_get_only_their_own_procedure_and_every_write_a_valid_answer()
    {
        SeededProperty.Check(Interleavings, steps => new Bench().Run(steps), cases: 300, print: s => string.Join(", ", s));
    }

    /// <summary>The assembled firmware's store, RACP bridge and GATT server (the loop not running), with two phones.</summary>
    private sealed class Bench
    {
        private static readonly byte[] ValidAttAnswers = [0x00, 0x0D, 0xFD, 0xFE];
        private readonly SimulatedWearable _board;
        private readonly RecordStore _store;
        private readonly RecordAccessBridge _bridge;
        private readonly SimulatedGattServer _server;
        private readonly SimulatedPhone[] _phones = new SimulatedPhone[2];
        private readonly int[] _seen = new int[2];
        private readonly int[] _accepted = new int[2];
        private readonly int[] _responses = new int[2];
        private int _owner = -1;

        public Bench()
        {
            _board = new SimulatedWearable(new WearerScenario(seed: 1).Sit(10), flash: new SimulatedFlash(4, 32 * 20));
            _store = _board.App.Store;
            _bridge = _board.App.RecordAccess;
            _server = _board.Server;
            Assert.True(_board.Boot()); // opens the pairing window the phones bond in
            for (int i = 0; i < 12; i++)
            {
                _store.AppendSpotCheck(950, 700 + i, 0, 0, 250);
            }

            for (int p = 0; p < 2; p++)
            {
                _phones[p] = _board.NewPhone("phone " + p, [0x5A, 0x3E, 0x10, 0x22, 0x07, (byte)(0xA0 + p)]);
                _phones[p].StartHealthSession(new BleLink(_server, _board.Clock, null));
                _phones[p].AutoConfirm = false;
            }
        }

        public void Run(Step[] steps)
        {
            foreach (Step step in steps)
            {
                Apply(step);
                Check(step);
            }

            // Quiet end: both phones answer everything; whatever runs finishes, then A's full report is complete.
            for (int p = 0; p < 2; p++)
            {
                if (!_phones[p].IsConnected)
                {
                    Assert.True(_phones[p].Reconnect(new BleLink(_server, _board.Clock, null)));
                }

                _phones[p].Subscribe("2a5e");
                _phones[p].Subscribe("2a52");
            }

            Settle();
            int before = _phones[0].Received.Count;
            Assert.Equal(0, _phones[0].Write("2a52", [0x01, 0x01]));
            _owner = 0;
            Settle();
            ushort spotCheck = _phones[0].Find("2a5e").ValueHandle, racp = _phones[0].Find("2a52").ValueHandle;
            var got = _phones[0].Received.Skip(before).ToList();
            Assert.Equal(_store.Count(1, int.MaxValue, RecordType.SpotCheck), got.Count(r => r.Handle == spotCheck && (r.Value[6] & 0x02) != 0));
            Assert.Equal(new byte[] { 0x06, 0x00, 0x01, 0x01 }, got.Last(r => r.Handle == racp).Value);
        }

        private void Settle()
        {
            for (int i = 0; i < 400 && (_bridge.ProcedureInProgress || _phones.Any(p => p.UnconfirmedIndications > 0)); i++)
            {
                foreach (SimulatedPhone phone in _phones)
                {
                    while (phone.UnconfirmedIndications > 0)
                    {
                        phone.ConfirmIndication();
                    }
                }

                _bridge.Run(0);
            }

            Assert.False(_bridge.ProcedureInProgress, "a procedure never ended");
            _owner = -1;
        }

        private void Apply(Step step)
        {
            SimulatedPhone phone = _phones[step.Phone];
            if (!phone.IsConnected && step.Kind is not (>= 50 and < 55))
            {
                return;
            }

            switch (step.Kind)
            {
                case < 25:
                    bool idle = !_bridge.ProcedureInProgress;
                    byte code = phone.Write("2a52", Requests[step.A % Requests.Length]);
                    Assert.Contains(code, ValidAttAnswers);
                    if (code == 0 && idle)
                    {
                        _owner = step.Phone;
                        _accepted[step.Phone]++;
                    }
                    else if (code == 0)
                    {
                        Assert.Equal(_owner, step.Phone); // only the owner's abort gets through while one runs
                        _accepted[step.Phone]++;
                    }

                    break;
                case < 50:
                    if (phone.UnconfirmedIndications > 0)
                    {
                        phone.ConfirmIndication();
                    }

                    break;
                case < 55:
                    if (phone.IsConnected)
                    {
                        phone.Disconnect();
                        if (_owner == step.Phone)
                        {
                            Assert.False(_bridge.ProcedureInProgress, "the owner left but its procedure runs on");
                            _owner = -1;
                        }
                    }
                    else
                    {
                        Assert.True(phone.Reconnect(new BleLink(_server, _board.Clock, null)));
                        phone.AutoConfirm = false;
                    }

                    break;
                case < 58:
                    phone.Unsubscribe("2a5e");
                    break;
                case < 61:
                    phone.Subscribe("2a5e");
                    phone.Subscribe("2a52");
                    break;
                case < 70:
                    _store.AppendSpotCheck(960, 650, 0, 0, 200);
                    break;
                default:
                    _bridge.Run(0);
                    if (!_bridge.ProcedureInProgress)
                    {
                        _owner = -1;
                    }

                    break;
            }
        }

        private void Check(Step step)
        {
            for (int p = 0; p < 2; p++)
            {
                SimulatedPhone phone = _phones[p];
                ushort spotCheck = phone.Find("2a5e").ValueHandle, racp = phone.Find("2a52").ValueHandle;
                for (; _seen[p] < phone.Received.Count; _seen[p]++)
                {
                    var r = phone.Received[_seen[p]];
                    if (r.Handle == spotCheck && (r.Value[6] & 0x02) != 0)
                    {
                        Assert.True(_owner == p, $"after {step}: phone {"AB"[p]} got a stored record of a procedure it does not own");
                    }
                    else if (r.Handle == racp)
                    {
                        _responses[p]++;
                        Assert.True(_responses[p] <= _accepted[p], $"after {step}: phone {"AB"[p]} got {_responses[p]} RACP responses for {_accepted[p]} accepted writes");
                    }
                }
            }
        }
    }
}
