namespace WxPayScore.ServiceOrders;

/// <summary>Thrown locally, before any request, when an operation is illegal in the order's current state.</summary>
public sealed class InvalidServiceOrderStateException : InvalidOperationException
{
    /// <summary>Creates the exception for an operation refused in a state, naming the states that allow it.</summary>
    public InvalidServiceOrderStateException(string operation, ServiceOrderStatus status, string allowedStates)
        : base($"Cannot {operation} a Pay Score order in state {status}; {operation} is allowed only from {allowedStates}.")
    {
        Operation = operation;
        Status = status;
    }

    /// <summary>Creates an exception with a default message.</summary>
    public InvalidServiceOrderStateException()
    {
        Operation = string.Empty;
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public InvalidServiceOrderStateException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public InvalidServiceOrderStateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    /// <summary>The operation refused (<c>cancel</c>, <c>complete</c>, …).</summary>
    public string Operation { get; }

    /// <summary>The order's state that refused it.</summary>
    public ServiceOrderStatus Status { get; }
}
