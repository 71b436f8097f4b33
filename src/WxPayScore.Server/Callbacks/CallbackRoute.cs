using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Callbacks;

/// <summary>
/// Where a verified callback goes (see <see cref="CallbackProcessor"/>):
/// the order it concerns (for the log of a duplicate) and the transaction that stores it — the idempotency marker and the
/// monotonic change under the order's lock — returning the delivery's log entry, or null when the id was processed before.
/// </summary>
/// <param name="SubMchId">The sub-merchant (from the decrypted resource).</param>
/// <param name="OutOrderNo">The order concerned; null when none is known.</param>
/// <param name="StoreAsync">Stores the callback at the given time (Unix ms).</param>
public sealed record CallbackRoute(string SubMchId, string? OutOrderNo, Func<long, Task<NotificationRecord?>> StoreAsync);
