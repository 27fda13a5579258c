namespace Kiosk.Firmware.Core.Update
{
    /// <summary>Where the update agent is.</summary>
    public enum UpdateAgentState
    {
        /// <summary>Nothing under way; asks the bridge when the check interval has passed.</summary>
        Idle = 0,
        /// <summary>Fetching the offered bundle chunk by chunk into the staging slot.</summary>
        Downloading,
        /// <summary>A bundle is switched (or switched back): the board must restart into it.</summary>
        RestartNeeded,
    }
}
