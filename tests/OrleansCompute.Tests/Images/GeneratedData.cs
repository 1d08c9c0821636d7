namespace OrleansCompute.Tests.Images;

/// <summary>
/// Deterministic bytes of a given length, produced as they are read (no test holds a whole image either), from a
/// non-seekable source as a request body is; optionally failing part way like a dropped connection.
/// </summary>
internal sealed class GeneratedData(long length, int seed, long failAfter = long.MaxValue) : Stream
{
    private readonly Random _random = new(seed);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The same bytes at once, to compare with.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= failAfter)
        {
            throw new IOException("The client went away.");
        }

        // Random fills one sample per byte, so the bytes do not depend on how reads are cut.
        var n = (int)Math.Min(Math.Min(count, length - _position), 70000);
        _random.NextBytes(buffer.AsSpan(offset, n));
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
