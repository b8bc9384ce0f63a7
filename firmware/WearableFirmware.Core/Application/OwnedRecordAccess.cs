using WearableFirmware.Ble;
using WearableFirmware.Storage;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Record Access Control Point procedures that belong to the connection that started them: only that peer's
    /// confirmations advance a procedure, only its abort or its disconnect ends it, and another peer's write while it
    /// runs (abort included) gets Procedure Already In Progress. Shared by every service with a RACP (PLX spot-checks,
    /// stored alarms); the bridge sends what the procedure produces to <see cref="Owner"/> alone.
    /// </summary>
    public sealed class OwnedRecordAccess
    {
        private readonly RacpControlPoint _racp;

        public OwnedRecordAccess(RacpControlPoint racp)
        {
            _racp = racp;
        }

        /// <summary>The peer whose procedure runs; null when none does.</summary>
        public IGattLink Owner { get; private set; }

        public bool InProgress
        {
            get { return _racp.InProgress; }
        }

        /// <summary>A control point write from <paramref name="link"/>; returns the ATT status for its write response.</summary>
        public byte Write(IGattLink link, byte[] data, int offset, int length, bool racpSubscribed, bool recordsSubscribed)
        {
            if (_racp.InProgress && link != Owner)
            {
                return AttErrorCode.ProcedureAlreadyInProgress; // another peer's procedure: not this one's to abort
            }

            byte status = _racp.Write(data, offset, length, racpSubscribed, recordsSubscribed);
            if (status == AttErrorCode.Success && _racp.InProgress)
            {
                Owner = link;
            }

            return status;
        }

        /// <summary><paramref name="link"/> confirmed a stored record's indication.</summary>
        public void OnRecordConfirmed(IGattLink link)
        {
            if (link == Owner)
            {
                _racp.OnRecordConfirmed();
            }
        }

        /// <summary><paramref name="link"/> confirmed a response indication.</summary>
        public void OnResponseConfirmed(IGattLink link)
        {
            if (link == Owner)
            {
                _racp.OnResponseConfirmed();
            }
        }

        /// <summary>A peer's link went down: its procedure (only its own) is abandoned; confirmed records stay delivered.</summary>
        public void OnDisconnected(IGattLink link)
        {
            if (link == Owner)
            {
                _racp.OnDisconnected();
                Owner = null;
            }
        }

        /// <summary>Advances the running procedure (loop thread); the owner is released once it has ended.</summary>
        public void Poll()
        {
            _racp.Poll();
            if (!_racp.InProgress)
            {
                Owner = null;
            }
        }
    }
}
