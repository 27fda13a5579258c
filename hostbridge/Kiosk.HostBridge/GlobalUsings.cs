global using Kiosk.HostBridge.Operations;
