using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Update;
using Kiosk.Hardware.Emulator.Flash;

namespace Kiosk.HostBridge.Tests.Fleet.Rollouts;

/// <summary>
/// One terminal's update side as the board runs it: the core's <see cref="UpdateAgent"/> on a <see cref="BridgeLink"/> over real mutual TLS
/// with the device's enrolled certificate, and an emulated image store. <see cref="Boot"/> is a (re)start of the board.
/// </summary>
public sealed class TerminalUpdater(Uri kioskUri, X509Certificate2 certificate, X509Certificate2 fleetCa, string currentVersion)
{
    private readonly HostClock _clock = new();

    public EmulatedAppImageStore Store { get; } = new(currentVersion, [0x4b, 0x49, 0x4f, 0x53, 0x4b]);
    public UpdateAgent Agent { get; private set; } = null!;
    public List<string> Events { get; } = [];

    /// <summary>Starts (or restarts) the board: a fresh agent and link on the same store.</summary>
    public void Boot()
    {
        Agent = new UpdateAgent(new BridgeLink(new MutualTls(kioskUri, certificate, fleetCa), _clock, "localhost"), Store, Store.SelfCheck(), _clock)
        {
            ChunkBytes = 4096,
        };
        Agent.OnBoot();
        Events.Add(Agent.LastEvent);
    }

    /// <summary>Lets the idle terminal work until the agent rests or asks for a restart; returns its last event.</summary>
    public string Run(int maxSteps = 500)
    {
        for (var i = 0; i < maxSteps && Agent.State != UpdateAgentState.RestartNeeded; i++)
        {
            if (!Agent.Step(terminalIdle: true)) break;
            Events.Add(Agent.LastEvent);
        }
        return Agent.LastEvent;
    }

    private sealed class HostClock : IClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        public long MonotonicMs => _watch.ElapsedMilliseconds;
        public DateTime UtcNow => DateTime.UtcNow;
    }

    private sealed class MutualTls(Uri kioskUri, X509Certificate2 certificate, X509Certificate2 fleetCa) : IStreamFactory
    {
        public Stream? Connect()
        {
            var tcp = new TcpClient { NoDelay = true };
            try
            {
                tcp.Connect(kioskUri.Host, kioskUri.Port);
                var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
                var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
                policy.CustomTrustStore.Add(fleetCa);
                ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    ClientCertificates = [certificate],
                    CertificateChainPolicy = policy,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                });
                ssl.ReadTimeout = 15_000;
                ssl.WriteTimeout = 15_000;
                return ssl;
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        }
    }
}
