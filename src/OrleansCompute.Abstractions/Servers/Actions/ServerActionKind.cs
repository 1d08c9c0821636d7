namespace OrleansCompute.Servers.Actions;

/// <summary>
/// Every server action the grain carries out: the bodies of <c>POST /servers/{id}/action</c>, and the
/// deletes (<c>DELETE /servers/{id}</c>). Values are persisted by name with pending operations: append only.
/// </summary>
public enum ServerActionKind
{
    Reboot,
    RebootHard,
    Stop,
    Start,
    Pause,
    Unpause,
    Suspend,
    Resume,
    Shelve,
    ShelveOffload,
    Unshelve,
    Rescue,
    Unrescue,
    Rebuild,
    Resize,
    ConfirmResize,
    RevertResize,
    Migrate,
    LiveMigrate,
    ChangePassword,
    CreateImage,
    CreateBackup,
    TriggerCrashDump,
    Lock,
    Unlock,
    ResetState,
    InjectNetworkInfo,
    AddSecurityGroup,
    RemoveSecurityGroup,
    Restore,
    ForceDelete,
    Delete,

    /// <summary>Internal: the soft delete a DELETE becomes when <c>reclaim_instance_interval</c> is above zero.</summary>
    SoftDelete,

    /// <summary>Internal: the reclaim of a soft-deleted server once its interval has passed (a reminder).</summary>
    Reclaim,

    /// <summary>evacuate (admin): rebuilt on another host because its own host's compute service is down.</summary>
    Evacuate,

    /// <summary><c>POST /servers/{id}/os-interface</c>: a port (or a new one on a network) bound to the server.</summary>
    AttachInterface,

    /// <summary><c>DELETE /servers/{id}/os-interface/{port_id}</c>: the port given up (deleted if Nova made it).</summary>
    DetachInterface,

    /// <summary>addFixedIp (below 2.44): one more fixed IP on the server's port on a network.</summary>
    AddFixedIp,

    /// <summary>removeFixedIp (below 2.44): one fixed IP taken off the server's port.</summary>
    RemoveFixedIp,

    /// <summary>addFloatingIp (below 2.44): a floating IP associated with one of the server's fixed IPs.</summary>
    AddFloatingIp,

    /// <summary>removeFloatingIp (below 2.44): the server's floating IP disassociated.</summary>
    RemoveFloatingIp,
}
