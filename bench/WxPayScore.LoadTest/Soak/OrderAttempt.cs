namespace WxPayScore.LoadTest.Soak;

/// <summary>What the soak's users and merchant were told about one order attempt (the tool's own record).</summary>
internal sealed class OrderAttempt
{
    public required string User { get; init; }

    /// <summary>From the 201, or from the problem of a 5xx that names the order kept for the reconciler.</summary>
    public string? OutOrderNo { get; set; }

    /// <summary>201 Created.</summary>
    public bool ToldCreated { get; set; }

    /// <summary>5xx that named the order (its outcome left to the reconciler).</summary>
    public bool ToldPending { get; set; }

    /// <summary>The sandbox's confirm (as the Pay Score page) succeeded.</summary>
    public bool Confirmed { get; set; }

    /// <summary>The admin API answered 200 to complete / cancel / modify.</summary>
    public bool ToldCompleted { get; set; }

    public bool ToldCancelled { get; set; }

    public bool ToldModified { get; set; }

    /// <summary>The user's payment was made to fail (sandbox), before the merchant's pay or sync.</summary>
    public bool PaymentFailed { get; set; }

    /// <summary>The admin API answered 200 to pay (collect again) / sync (paid another way).</summary>
    public bool ToldPayAgain { get; set; }

    public bool ToldSynced { get; set; }

    /// <summary>¥1 collected first (sandbox), the rest later: two USER_PAID callbacks.</summary>
    public bool PaidInParts { get; set; }
}
