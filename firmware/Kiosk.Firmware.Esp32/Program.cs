using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Core.Card.Pn532;
using Kiosk.Firmware.Core.Session;
using Kiosk.Firmware.Core.Update;
using Kiosk.Firmware.Esp32.Board;
using Kiosk.Firmware.Esp32.Config;
using Kiosk.Firmware.Esp32.Net;
using Kiosk.Firmware.Esp32.Supervision;
using Kiosk.Firmware.Esp32.Update;
using Reader = Kiosk.Firmware.Core.Card.Pn532.Pn532;

namespace Kiosk.Firmware.Esp32
{
    /// <summary>
    /// The board's composition root: reports why it last restarted, brings up the peripherals, Wi-Fi, then time (before
    /// any TLS), self-tests the reader, and runs the core's session machine on the seams. Every step that can fail says why, on the serial
    /// log and with the status LED's blink code (hardware/README.md), and gives up by a recorded, deliberate reboot.
    /// </summary>
    public static class Program
    {
        private const int WifiJoinMs = 60000;
        private const int TimeSyncMs = 60000;
        private const int ReaderAttempts = 3;
        // The application version this image is (what nanoff deployed); the update store starts from it.
        private const string AppVersion = "0.1.0";
        // What the custom partition table's LittleFS partition leaves for one bundle slot (docs/firmware.md).
        private const int AppSlotCapacity = 1280 * 1024;

        public static void Main()
        {
            Debug.WriteLine("kiosk: boot: " + RebootRecord.TakeLast());

            var gpio = new GpioController();
            var led = new StatusLed(gpio, Pins.StatusLed);
            var buzzer = new Buzzer(Pins.Buzzer);
            var display = new Ili9341Display(gpio);
            var clock = new Esp32Clock();
            var supervisor = new Supervisor();
            supervisor.Start();

            var config = DeviceConfig.Load();
            if (config.Problem != null) Halt(led, 1, config.Problem);

            led.BlinkCode = 1;
            var wifi = new WifiLink(config.WifiSsid, config.WifiPassword);
            if (!wifi.Connect(WifiJoinMs)) supervisor.Reboot(wifi.LastError);
            StartNetworkWatch(wifi, supervisor);

            led.BlinkCode = 2;
            while (!TimeSync.Sync(config.SntpServer1, config.SntpServer2, TimeSyncMs))
            {
                // Not a TLS error: the technician sees exactly this, and the unit keeps trying.
                Debug.WriteLine("kiosk: cannot reach time service " + config.SntpServer1 + " / " + config.SntpServer2);
            }

            led.BlinkCode = 4;
            var readerLink = new UartByteStream(Pins.ReaderPort, Pins.ReaderBaud, Pins.ReaderTx, Pins.ReaderRx);
            var readerReset = gpio.OpenPin(Pins.ReaderReset, PinMode.Output);
            var reader = new Reader(readerLink, clock, new Pn532Timeouts());
            if (!SelfTestReader(reader, readerReset)) supervisor.Reboot("card reader did not answer after " + ReaderAttempts.ToString() + " power cycles");

            var keypad = new MatrixKeypad(gpio, Pins.KeypadRows, Pins.KeypadColumns);
            var random = new Esp32Random();
            var bridge = new BridgeTlsConnector(config.BridgeHost, config.BridgePort);
            // One link for the session and the update agent: the board affords exactly one TLS connection.
            var link = new BridgeLink(bridge, clock, config.BridgeHost);

            // Before the application starts: a bundle still on trial after its boots (it crashed or hung) is rolled back here.
            var appStore = new FlashAppImageStore(AppVersion, AppSlotCapacity);
            var updates = new UpdateAgent(link, appStore, new BoardSelfCheck(reader, appStore, AppVersion), clock);
            updates.OnBoot();
            Debug.WriteLine("kiosk: application " + AppVersion + ", store current " + appStore.CurrentVersion + (appStore.OnTrial ? " (on trial)" : ""));
            led.BlinkCode = 0;
            buzzer.Click();

            // The core's terminal application on this thread; the supervisor reboots the unit if its loop stops turning.
            var session = new SessionConfig();
            var machine = new SessionMachine(new SessionTable(), session,
                new JpkiCard(new Pn532CardTransport(reader)),
                new BridgeClient(link),
                clock, random, display, null);
            machine.HeartbeatInfo.AppVersion = AppVersion;
            var terminal = supervisor.Register("terminal", session.WorkMs + session.PrintingMs);
            machine.Start();
            while (true)
            {
                machine.RunOnce(keypad, session.TickMs);
                // Updates work only between residents: one step (a check, one chunk, verify-and-switch or a report) per idle turn.
                bool idle = machine.State == SessionState.Idle;
                if (updates.Step(idle)) Debug.WriteLine("kiosk: update: " + updates.LastEvent);
                if (idle && updates.State == UpdateAgentState.RestartNeeded) supervisor.Reboot("application update: " + updates.LastEvent);
                machine.HeartbeatInfo.LargestFreeBlock = (int)bridge.LargestFreeBlock;
                machine.HeartbeatInfo.UptimeSeconds = (int)(Esp32Clock.NowMs() / 1000);
                supervisor.Beat(terminal);
            }
        }

        private static bool SelfTestReader(Reader reader, GpioPin resetPin)
        {
            for (var attempt = 1; attempt <= ReaderAttempts; attempt++)
            {
                // RSTPDN low for 20 ms power-cycles the PN532: the recovery for a reader wedged mid-frame.
                resetPin.Write(PinValue.Low);
                Thread.Sleep(20);
                resetPin.Write(PinValue.High);
                Thread.Sleep(50);
                var status = reader.Initialize();
                if (status == Pn532Status.Ok)
                {
                    Debug.WriteLine("kiosk: PN5" + reader.FirmwareIc.ToString("X2") + " firmware " + (reader.FirmwareVersion >> 8).ToString() + "." + (reader.FirmwareVersion & 0xFF).ToString());
                    return true;
                }
                Debug.WriteLine("kiosk: reader self-test " + attempt.ToString() + " failed: " + status.ToString());
            }
            return false;
        }

        private static void StartNetworkWatch(WifiLink wifi, Supervisor supervisor)
        {
            var id = supervisor.Register("network watch", 30000);
            var thread = new Thread(() =>
            {
                while (true)
                {
                    if (!wifi.Healthy(Esp32Clock.NowMs())) supervisor.Reboot(wifi.LastError);
                    supervisor.Beat(id);
                    Thread.Sleep(5000);
                }
            });
            thread.Start();
        }

        /// <summary>A configuration problem a reboot cannot fix: blink and repeat the reason until a technician comes.</summary>
        private static void Halt(StatusLed led, int blinkCode, string reason)
        {
            led.BlinkCode = blinkCode;
            while (true)
            {
                Debug.WriteLine("kiosk: out of service: " + reason);
                Thread.Sleep(10000);
            }
        }
    }
}
