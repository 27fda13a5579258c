namespace Kiosk.Firmware.Core.Update
{
    /// <summary>What a freshly switched bundle must pass before it is kept (reader answers, display draws, catalogue loads).</summary>
    public interface IUpdateSelfCheck
    {
        /// <summary>True when the running bundle works; false sends the terminal back to its previous bundle.</summary>
        bool Passes();
    }
}
