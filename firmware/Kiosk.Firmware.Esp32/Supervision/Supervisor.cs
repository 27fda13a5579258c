using System.Diagnostics;
using System.Threading;
using Kiosk.Firmware.Esp32.Board;
using nanoFramework.Runtime.Native;

namespace Kiosk.Firmware.Esp32.Supervision
{
    /// <summary>
    /// A software watchdog. On ESP32 nanoFramework's Watchdog HAL is a no-op and the IDF task watchdog is off, so nothing
    /// restarts hung managed code: each long-running service registers here and beats; when one stays silent past its
    /// limit, or a service asks for it, the reason is recorded and the device reboots (see <see cref="RebootRecord"/>).
    /// </summary>
    internal sealed class Supervisor
    {
        private const int MaxServices = 8;
        private const int CheckPeriodMs = 1000;

        private readonly string[] _names = new string[MaxServices];
        private readonly int[] _limitsMs = new int[MaxServices];
        private readonly long[] _lastBeatMs = new long[MaxServices];
        private readonly object _lock = new object();
        private int _count;

        /// <summary>Registers a service that must beat at least every <paramref name="limitMs"/>; returns its handle.</summary>
        public int Register(string name, int limitMs)
        {
            lock (_lock)
            {
                var id = _count++;
                _names[id] = name;
                _limitsMs[id] = limitMs;
                _lastBeatMs[id] = Esp32Clock.NowMs();
                return id;
            }
        }

        /// <summary>The service is alive.</summary>
        public void Beat(int id)
        {
            _lastBeatMs[id] = Esp32Clock.NowMs();
        }

        /// <summary>Starts the checking thread.</summary>
        public void Start()
        {
            var thread = new Thread(Watch);
            thread.Priority = ThreadPriority.Highest;
            thread.Start();
        }

        /// <summary>Records <paramref name="reason"/> and restarts the device; does not return.</summary>
        public void Reboot(string reason)
        {
            Debug.WriteLine("supervisor: rebooting: " + reason);
            RebootRecord.Write(reason);
            Power.RebootDevice();
        }

        private void Watch()
        {
            while (true)
            {
                Thread.Sleep(CheckPeriodMs);
                var now = Esp32Clock.NowMs();
                for (var i = 0; i < _count; i++)
                {
                    var silent = now - _lastBeatMs[i];
                    if (silent > _limitsMs[i])
                    {
                        Reboot("service '" + _names[i] + "' silent for " + (silent / 1000).ToString() + " s (limit " + (_limitsMs[i] / 1000).ToString() + " s)");
                    }
                }
            }
        }
    }
}
