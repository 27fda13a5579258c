using System.Runtime.InteropServices;

namespace Kiosk.Firmware.Host.Streams;

/// <summary>The few libc calls a raw serial line needs (no System.IO.Ports package is available here).</summary>
internal static unsafe class LibcSerial
{
    public const int ORdWr = 0x2;
    public const int ONoCtty = 0x100;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;
    public const short PollIn = 0x1;
    public const short PollErr = 0x8;
    public const short PollHup = 0x10;
    public const int TcsaNow = 0;
    public const int TciFlush = 0;
    public const int EAgain = 11;
    public const int EIntr = 4;

    // glibc struct termios on Linux (x86_64, aarch64): 4 tcflag_t, c_line, c_cc[32], 2 speed_t = 60 bytes.
    public const int TermiosSize = 60;
    public const int CflagOffset = 8;
    public const int CcOffset = 17;
    public const int VTime = 5;
    public const int VMin = 6;
    public const uint CLocal = 0x800;
    public const uint CRead = 0x80;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern nint read(int fd, byte* buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    public static extern nint write(int fd, byte* buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    public static extern int poll(PollFd* fds, ulong count, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    public static extern int isatty(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int tcgetattr(int fd, byte* termios);

    [DllImport("libc", SetLastError = true)]
    public static extern int tcsetattr(int fd, int actions, byte* termios);

    [DllImport("libc")]
    public static extern void cfmakeraw(byte* termios);

    [DllImport("libc", SetLastError = true)]
    public static extern int cfsetispeed(byte* termios, uint speed);

    [DllImport("libc", SetLastError = true)]
    public static extern int cfsetospeed(byte* termios, uint speed);

    [DllImport("libc", SetLastError = true)]
    public static extern int tcflush(int fd, int queue);

    /// <summary>The termios speed constant for a baud rate, or 0 when libc has none.</summary>
    public static uint SpeedConstant(int baud) => baud switch
    {
        9600 => 0xD,
        19200 => 0xE,
        38400 => 0xF,
        57600 => 0x1001,
        115200 => 0x1002,
        230400 => 0x1003,
        460800 => 0x1004,
        921600 => 0x1007,
        _ => 0,
    };
}
