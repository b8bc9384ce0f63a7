using WearableFirmware.Ble;

namespace WearableFirmware.SimulatedBoard;

/// <summary>The passkey file on the internal flash drive.</summary>
public sealed class SimulatedPasskeyFile : IPasskeyStore
{
    public byte[]? Content { get; set; }

    public int Load(byte[] buffer)
    {
        if (Content == null || Content.Length > buffer.Length)
        {
            return 0;
        }

        Content.CopyTo(buffer, 0);
        return Content.Length;
    }

    public bool Save(byte[] record, int length)
    {
        Content = record[..length];
        return true;
    }

    public bool Erase()
    {
        Content = null;
        return true;
    }
}
