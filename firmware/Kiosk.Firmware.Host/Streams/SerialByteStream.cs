using System.Runtime.InteropServices;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Host.Streams;

/// <summary>A PN532 HSU line on a tty (USB-UART adapter) or a pty (socat, emulator): raw 8N1 at the given baud, poll-based timeouts.</summary>
public sealed unsafe class SerialByteStream : IByteStream, IDisposable
{
    private int _fd;

    private SerialByteStream(int fd, string path)
    {
        _fd = fd;
        Path = path;
    }

    /// <summary>The device path opened.</summary>
    public string Path { get; }

    /// <summary>Opens <paramref name="path"/> raw at <paramref name="baud"/> (115200 is the PN532 default); throws IOException with a one-line reason.</summary>
    public static SerialByteStream Open(string path, int baud = 115200)
    {
        uint speed = LibcSerial.SpeedConstant(baud);
        if (speed == 0)
        {
            throw new ArgumentException("unsupported baud rate " + baud, nameof(baud));
        }

        int fd = LibcSerial.open(path, LibcSerial.ORdWr | LibcSerial.ONoCtty | LibcSerial.ONonBlock | LibcSerial.OCloExec);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException("cannot open " + path + ": " + Marshal.GetPInvokeErrorMessage(errno));
        }

        if (LibcSerial.isatty(fd) == 1)
        {
            byte* termios = stackalloc byte[256];
            if (LibcSerial.tcgetattr(fd, termios) == 0)
            {
                LibcSerial.cfmakeraw(termios);
                uint* cflag = (uint*)(termios + LibcSerial.CflagOffset);
                *cflag |= LibcSerial.CLocal | LibcSerial.CRead;
                termios[LibcSerial.CcOffset + LibcSerial.VMin] = 0;
                termios[LibcSerial.CcOffset + LibcSerial.VTime] = 0;
                LibcSerial.cfsetispeed(termios, speed);
                LibcSerial.cfsetospeed(termios, speed);
                if (LibcSerial.tcsetattr(fd, LibcSerial.TcsaNow, termios) != 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    LibcSerial.close(fd);
                    throw new IOException("cannot configure " + path + ": " + Marshal.GetPInvokeErrorMessage(errno));
                }
            }
        }

        return new SerialByteStream(fd, path);
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, buffer.Length);
        long deadline = Environment.TickCount64 + Math.Max(0, timeoutMs);
        while (true)
        {
            LibcSerial.PollFd pfd = new() { Fd = _fd, Events = LibcSerial.PollIn };
            int wait = (int)Math.Max(0, deadline - Environment.TickCount64);
            int ready = LibcSerial.poll(&pfd, 1, wait);
            if (ready < 0 && Marshal.GetLastPInvokeError() == LibcSerial.EIntr)
            {
                continue;
            }

            if (ready <= 0)
            {
                return 0;
            }

            fixed (byte* p = &buffer[offset])
            {
                nint n = LibcSerial.read(_fd, p, count);
                if (n > 0)
                {
                    return (int)n;
                }
            }

            // Hang-up (the other end of a pty closed), end of file or EAGAIN: behave like a silent line until the deadline.
            int rest = (int)Math.Max(0, deadline - Environment.TickCount64);
            Thread.Sleep(Math.Min(rest, 5));

            if (Environment.TickCount64 >= deadline)
            {
                return 0;
            }
        }
    }

    /// <summary>Why the last write failed, or null.</summary>
    public string? LastError { get; private set; }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, buffer.Length);
        int done = 0;
        long deadline = Environment.TickCount64 + 2000;
        while (done < count)
        {
            nint n;
            fixed (byte* p = &buffer[offset + done])
            {
                n = LibcSerial.write(_fd, p, count - done);
            }

            if (n > 0)
            {
                done += (int)n;
                continue;
            }

            int errno = Marshal.GetLastPInvokeError();
            if ((errno != LibcSerial.EAgain && errno != LibcSerial.EIntr) || Environment.TickCount64 > deadline)
            {
                // The driver sees a PN532 that never answers and reports a timeout; the reason stays here for diagnostics.
                LastError = "write to " + Path + " failed: " + Marshal.GetPInvokeErrorMessage(errno);
                return;
            }

            Thread.Sleep(1);
        }
    }

    /// <inheritdoc />
    public void DiscardInput()
    {
        LibcSerial.tcflush(_fd, LibcSerial.TciFlush);
        byte* scratch = stackalloc byte[256];
        while (true)
        {
            LibcSerial.PollFd pfd = new() { Fd = _fd, Events = LibcSerial.PollIn };
            if (LibcSerial.poll(&pfd, 1, 0) <= 0 || LibcSerial.read(_fd, scratch, 256) <= 0)
            {
                return;
            }
        }
    }

    /// <summary>Closes the descriptor.</summary>
    public void Dispose()
    {
        if (_fd >= 0)
        {
            LibcSerial.close(_fd);
            _fd = -1;
        }
    }
}
