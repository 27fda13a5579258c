using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Kiosk.Firmware.Core.Bridge;
using nanoFramework.Hardware.Esp32;

namespace Kiosk.Firmware.Esp32.Net
{
    /// <summary>
    /// The one mutual-TLS connection to the host bridge, handed to the core as its stream. The client certificate and key
    /// are the device certificate in the config store (UseStoredDeviceCertificate); the bridge's CA is the root in the
    /// device's CA store. Only one connection ever exists: mbedTLS needs ~2 x 16.7 KB per connection (Home#792).
    /// </summary>
    internal sealed class BridgeTlsConnector : IStreamFactory
    {
        private const int IoTimeoutMs = 15000;

        private readonly string _host;
        private readonly int _port;
        private Socket? _socket;
        private SslStream? _stream;

        public BridgeTlsConnector(string host, int port)
        {
            _host = host;
            _port = port;
        }

        /// <summary>Why the last connect failed, in words for the technician screen.</summary>
        public string LastError { get; private set; } = "";

        /// <summary>Largest free native block after the last handshake (heap telemetry for the heartbeat).</summary>
        public uint LargestFreeBlock { get; private set; }

        public Stream? Connect()
        {
            Close();
            if (!TimeSync.IsPlausible)
            {
                LastError = "cannot reach time service: TLS needs the date";
                return null;
            }
            try
            {
                var entry = Dns.GetHostEntry(_host);
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _socket = socket;
                socket.ReceiveTimeout = IoTimeoutMs;
                socket.SendTimeout = IoTimeoutMs;
                socket.Connect(new IPEndPoint(entry.AddressList[0], _port));

                var ssl = new SslStream(socket);
                ssl.SslVerification = SslVerification.VerifyPeer;
                ssl.UseStoredDeviceCertificate = true;
                ssl.AuthenticateAsClient(_host, SslProtocols.Tls12);
                _stream = ssl;

                uint total, free, largest;
                NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largest);
                LargestFreeBlock = largest;
                LastError = "";
                return ssl;
            }
            catch (SocketException e)
            {
                LastError = "bridge " + _host + ":" + _port.ToString() + " unreachable (socket error " + e.ErrorCode.ToString() + ")";
            }
            catch (Exception e)
            {
                LastError = "TLS to bridge failed: " + e.Message;
            }
            Close();
            return null;
        }

        public void Close()
        {
            if (_stream != null)
            {
                _stream.Dispose();
                _stream = null;
            }
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }
        }
    }
}
