using System.Security.Cryptography;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// Passes an upload through to the store while measuring it: the byte count (past the cap it throws
/// <see cref="ImageTooLargeException"/>), the MD5 checksum and the SHA-512 multihash, each computed as the bytes
/// go by, so no image is ever held whole.
/// </summary>
internal sealed class ImageDataHashStream(Stream source, long cap) : Stream
{
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IncrementalHash _sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);

    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public string Md5Hex() => Convert.ToHexStringLower(_md5.GetHashAndReset());

    public string Sha512Hex() => Convert.ToHexStringLower(_sha512.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await source.ReadAsync(buffer, cancellationToken);
        BytesRead += read;
        if (BytesRead > cap)
        {
            throw new ImageTooLargeException(cap);
        }

        _md5.AppendData(buffer.Span[..read]);
        _sha512.AppendData(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Uploads are read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _md5.Dispose();
            _sha512.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>An upload went past <c>image_size_cap</c>.</summary>
internal sealed class ImageTooLargeException(long cap) : Exception($"Image exceeds the storage quota or the size cap of {cap} bytes.");
