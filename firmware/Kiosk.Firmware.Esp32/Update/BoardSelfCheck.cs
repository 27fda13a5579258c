using Kiosk.Firmware.Core.Card.Pn532;
using Reader = Kiosk.Firmware.Core.Card.Pn532.Pn532;
using Kiosk.Firmware.Core.Update;

namespace Kiosk.Firmware.Esp32.Update
{
    /// <summary>
    /// The board's check of a freshly switched bundle: the application actually running must be the bundle the store calls current,
    /// and the card reader must answer its self-test. Until the engine loads the current slot with Assembly.Load, the running
    /// application is the one nanoff deployed, so a switched bundle fails here and is rolled back and reported as
    /// self-check-failed, never reported as running when it is not.
    /// </summary>
    internal sealed class BoardSelfCheck : IUpdateSelfCheck
    {
        private readonly Reader _reader;
        private readonly IAppImageStore _store;
        private readonly string _runningVersion;

        /// <summary>A check over the board's reader and store; <paramref name="runningVersion"/> is the application version this code is.</summary>
        public BoardSelfCheck(Reader reader, IAppImageStore store, string runningVersion)
        {
            _reader = reader;
            _store = store;
            _runningVersion = runningVersion;
        }

        /// <inheritdoc />
        public bool Passes()
        {
            if (_store.CurrentVersion != _runningVersion) return false;
            return _reader.Initialize() == Pn532Status.Ok;
        }
    }
}
