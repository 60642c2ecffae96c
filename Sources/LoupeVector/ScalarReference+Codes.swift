// Plain-loop versions of the quantized-vector kernels: the oracle `CodeDistance` is tested against.

extension ScalarReference {
    /// `Σ weights[i] · codes[codePosition(i)]`; see `CodeDistance.dot`.
    public static func codeDot(_ weights: UnsafePointer<Int32>, _ codes: UnsafePointer<UInt8>, count: Int) -> Int32 {
        var sum: Int64 = 0
        for i in 0..<count { sum += Int64(weights[i]) * Int64(codes[CodeDistance.codePosition(i)]) }
        return Int32(truncatingIfNeeded: sum)
    }
}
