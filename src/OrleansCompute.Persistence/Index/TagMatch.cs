namespace OrleansCompute.Persistence.Index;

/// <summary>Nova's four tag filters: <c>tags</c>, <c>tags-any</c>, <c>not-tags</c>, <c>not-tags-any</c>.</summary>
internal enum TagMatch
{
    /// <summary>Has every tag.</summary>
    All,

    /// <summary>Has at least one of the tags.</summary>
    Any,

    /// <summary>Lacks at least one of the tags.</summary>
    NotAll,

    /// <summary>Has none of the tags.</summary>
    None,
}
