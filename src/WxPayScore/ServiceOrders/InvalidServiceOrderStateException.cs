namespace WxPayScore.ServiceOrders;

/// <summary>Thrown locally, before any request, when an operation is illegal in the order's current state.</summary>
public sealed class InvalidServiceOrderStateException : InvalidOperationException
{
    public InvalidServiceOrderStateException(string operation, ServiceOrderStatus status, string allowedStates)
        : base($"Cannot {operation} a Pay Score order in state {status}; {operation} is allowed only from {allowedStates}.")
    {
        Operation = operation;
        Status = status;
    }

    public InvalidServiceOrderStateException()
    {
        Operation = string.Empty;
    }

    public InvalidServiceOrderStateException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    public InvalidServiceOrderStateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    public string Operation { get; }

    public ServiceOrderStatus Status { get; }
}
