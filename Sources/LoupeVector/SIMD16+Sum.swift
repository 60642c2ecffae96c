// A horizontal sum for the kernels' accumulators. The standard library's `sum()` adds the lanes
// one after another (a 15-add dependency chain); halving the vector four times takes 4 adds.

extension SIMD16 where Scalar == Float {
    /// The sum of the 16 lanes, added pairwise.
    @inline(__always)
    var pairwiseSum: Float {
        let eight = lowHalf + highHalf
        let four = eight.lowHalf + eight.highHalf
        let two = four.lowHalf + four.highHalf
        return two.x + two.y
    }
}
