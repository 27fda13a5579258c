namespace Kiosk.HostBridge.Devices;

/// <summary>An enrolled terminal: its id (the certificate's CN), store, municipality and certificate serial.</summary>
public sealed record DeviceRecord(string DeviceId, string StoreId, string MunicipalityCode, string CertSerial, DateTimeOffset CertNotAfter);
