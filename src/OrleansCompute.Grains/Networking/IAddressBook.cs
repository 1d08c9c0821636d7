namespace OrleansCompute.Networking;

/// <summary>What the address allocator reads of a network's allocations (kept by <see cref="NetworkAddressTally"/>).</summary>
internal interface IAddressBook
{
    bool IsTaken(string address);

    /// <summary>No address of the subnet's pools below this offset is free.</summary>
    UInt128 FreeFrom(string subnetId);

    /// <summary>Nothing of the subnet's pools below this offset is free any more (an automatic allocation took the lowest).</summary>
    void TookLowestFree(string subnetId, UInt128 offset);
}
