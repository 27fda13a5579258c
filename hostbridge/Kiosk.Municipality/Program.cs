using Kiosk.Municipality;

var app = MunicipalityApp.Build(args);
await MunicipalityApp.InitializeAsync(app);
await app.RunAsync();
