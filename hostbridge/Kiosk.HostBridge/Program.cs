using Kiosk.HostBridge.Hosting;

// `dotnet run --project hostbridge/Kiosk.HostBridge` runs with embedded defaults (SQLite file and a generated dev PKI in ./data).
// `... -- dev-pki` only generates the development PKI; `... -- verify-audit` checks the audit chain; `... -- revoke-device <serial>`.
return await BridgeCommands.RunAsync(args);
