using System;
using System.IO;
using WearableFirmware.Storage;

namespace WearableFirmware.Platform.Storage
{
    /// <summary>
    /// Device adapter: the record store's segments as files on the ESP32 internal flash drive (I:\) through
    /// nanoFramework.System.IO.FileSystem 1.1.93 (with System.IO.Streams 1.1.96). One file per segment; erasing a
    /// segment deletes its file, bytes past a file's end read as 0xFF, so a file behaves like an erased flash sector
    /// that fills from the front. Every write is flushed before it returns, because the store counts a record as
    /// stored once its write has been read back.
    /// <para>
    /// One file is kept open at a time (the active segment in normal operation); switching segments closes it and
    /// opens the other, which allocates a FileStream: the only allocation, once per segment change, never per record.
    /// I/O errors are answered with false (the store counts them), never thrown into the loop.
    /// </para>
    /// </summary>
    public sealed class FlashFileStorage : IFlashStorage
    {
        /// <summary>Where the records live: a folder on the internal flash drive.</summary>
        public const string DefaultDirectory = "I:\\records";

        private readonly string[] _paths;
        private readonly byte[] _erased = new byte[64];
        private FileStream _open;
        private int _openSegment = -1;

        public FlashFileStorage(int segmentCount, int segmentSize)
            : this(DefaultDirectory, segmentCount, segmentSize)
        {
        }

        public FlashFileStorage(string directory, int segmentCount, int segmentSize)
        {
            if (segmentCount < 2 || segmentSize < 128)
            {
                throw new ArgumentException("need at least two segments of at least 128 bytes");
            }

            SegmentCount = segmentCount;
            SegmentSize = segmentSize;
            for (int i = 0; i < _erased.Length; i++)
            {
                _erased[i] = 0xFF;
            }

            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
            }

            _paths = new string[segmentCount];
            for (int i = 0; i < segmentCount; i++)
            {
                _paths[i] = directory + "\\seg" + i.ToString() + ".bin";
            }
        }

        public int SegmentCount { get; private set; }

        public int SegmentSize { get; private set; }

        public bool Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
        {
            try
            {
                int copied = 0;
                FileStream stream = Select(segment, false);
                if (stream != null)
                {
                    long length = stream.Length;
                    long available = offset >= length ? 0 : length - offset;
                    int wanted = available < count ? (int)available : count;
                    if (wanted > 0)
                    {
                        stream.Seek(offset, SeekOrigin.Begin);
                        while (copied < wanted)
                        {
                            int n = stream.Read(buffer, bufferOffset + copied, wanted - copied);
                            if (n <= 0)
                            {
                                return false;
                            }

                            copied += n;
                        }
                    }
                }

                // Never written (or past the end of the file): erased flash.
                for (int i = copied; i < count; i++)
                {
                    buffer[bufferOffset + i] = 0xFF;
                }

                return true;
            }
            catch (Exception)
            {
                CloseOpen();
                return false;
            }
        }

        public bool Write(int segment, int offset, byte[] data, int dataOffset, int count)
        {
            if (offset < 0 || count < 0 || offset + count > SegmentSize)
            {
                return false;
            }

            try
            {
                FileStream stream = Select(segment, true);
                long length = stream.Length;
                if (offset > length)
                {
                    // A mark written before the bytes in front of it: fill the gap with erased bytes.
                    stream.Seek(0, SeekOrigin.End);
                    long gap = offset - length;
                    while (gap > 0)
                    {
                        int n = gap < _erased.Length ? (int)gap : _erased.Length;
                        stream.Write(_erased, 0, n);
                        gap -= n;
                    }
                }
                else
                {
                    stream.Seek(offset, SeekOrigin.Begin);
                }

                stream.Write(data, dataOffset, count);
                stream.Flush();
                return true;
            }
            catch (Exception)
            {
                CloseOpen();
                return false;
            }
        }

        public bool Erase(int segment)
        {
            try
            {
                CloseOpen();
                if (File.Exists(_paths[segment]))
                {
                    File.Delete(_paths[segment]);
                }

                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>The open stream of a segment; null when reading a segment whose file does not exist.</summary>
        private FileStream Select(int segment, bool create)
        {
            if (_openSegment == segment)
            {
                return _open;
            }

            CloseOpen();
            if (!create && !File.Exists(_paths[segment]))
            {
                return null;
            }

            _open = new FileStream(_paths[segment], FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            _openSegment = segment;
            return _open;
        }

        private void CloseOpen()
        {
            if (_open != null)
            {
                try
                {
                    _open.Dispose();
                }
                catch (Exception)
                {
                    // Closing a stream that already failed: nothing more to save.
                }
            }

            _open = null;
            _openSegment = -1;
        }
    }
}
