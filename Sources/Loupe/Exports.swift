// The public surface of `import Loupe`: the library types plus the core value types users pass
// and receive (Value, DataType, LoupeError, Metric).

@_exported import LoupeCore
