namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>A stream that reports, once, whether its first read brought data (accepted) or failed / ended (refused).</summary>
internal sealed class FirstReadWatch(Stream inner, Action accepted, Action<Exception> refused) : Stream
{
    private bool _decided;

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int ReadTimeout { get => inner.ReadTimeout; set => inner.ReadTimeout = value; }
    public override int WriteTimeout { get => inner.WriteTimeout; set => inner.WriteTimeout = value; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n;
        try
        {
            n = inner.Read(buffer, offset, count);
        }
        catch (Exception e) when (!_decided)
        {
            _decided = true;
            refused(e);
            throw;
        }
        if (!_decided)
        {
            _decided = true;
            if (n > 0) accepted();
            else refused(new IOException("the bridge closed the connection before answering"));
        }
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override void Flush() => inner.Flush();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
