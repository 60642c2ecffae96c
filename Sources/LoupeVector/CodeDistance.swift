// The kernel a graph walk spends its time in: the dot product of a query, quantized to integer
// weights, with a row of 8-bit codes (see `ScalarQuantizer`). A block of 64 codes is loaded as
// sixteen 32-bit lanes and split by shifts and masks into four planes (the bytes at 4j, 4j+1,
// 4j+2, 4j+3); the codes are stored interleaved so that plane p holds elements 16p ..< 16p+16,
// and the weights stay in natural order, so each plane is one lane-wise multiply-add. Both
// factors fit in 16 bits (a code in the low byte, a weight sign-extended from 16 bits), which
// lets LLVM turn each multiply-add into x86's `vpmaddwd`, and with AVX-512 VNNI
// (`-Xcc -march=native` on this machine) into one `vpdpwssd`: eight instructions per 64 codes.
// Two blocks go into eight accumulators per step, so the multiply-add chains (5 cycles each)
// overlap; that took 3% off a whole query. The same Swift is the portable version: without
// VNNI it compiles to `vpmaddwd` + `vpaddd` (AVX2, AVX-512BW) or to plain 32-bit multiplies, so
// there is nothing to dispatch at run time.

/// Integer dot products between quantized queries and 8-bit codes.
public enum CodeDistance {
    /// Codes per block; code rows and weight vectors are padded to a multiple of it.
    public static let blockLength = 64

    /// Byte of a code row that holds element `i` (the interleaved layout above).
    @inline(__always)
    public static func codePosition(_ i: Int) -> Int {
        (i & ~63) | ((i & 15) << 2) | ((i >> 4) & 3)
    }

    /// `Σ weights[i] · codes[codePosition(i)]` for i < count, in exact 32-bit integer arithmetic.
    /// Each weight is in −32767 ... 32767; the sum cannot overflow
    /// while `count · max|weight| · 255 < 2³¹`. `count` is a multiple of `blockLength`.
    /// - Complexity: O(count); reads `count` codes and `count` weights. Inlinable, so a walk in
    /// another module keeps it inside its loop.
    @inlinable @inline(__always)
    public static func dot(_ weights: UnsafePointer<Int32>, _ codes: UnsafePointer<UInt8>, count: Int) -> Int32 {
        var s0 = SIMD16<Int32>()
        var s1 = s0
        var s2 = s0
        var s3 = s0
        var t0 = s0
        var t1 = s0
        var t2 = s0
        var t3 = s0
        var i = 0
        // Two blocks per step into eight accumulators, so each multiply-add chain is half as long.
        while i &+ 128 <= count {
            block(weights, codes, i, &s0, &s1, &s2, &s3)
            block(weights, codes, i &+ 64, &t0, &t1, &t2, &t3)
            i &+= 128
        }
        if i &+ 64 <= count {
            block(weights, codes, i, &s0, &s1, &s2, &s3)
        }
        return (((s0 &+ t0) &+ (s1 &+ t1)) &+ ((s2 &+ t2) &+ (s3 &+ t3))).wrappedSum()
    }

    /// Adds the four planes of the 64-code block at `i` times their weights to `s0 ... s3`.
    @inlinable @inline(__always)
    static func block(
        _ weights: UnsafePointer<Int32>, _ codes: UnsafePointer<UInt8>, _ i: Int, _ s0: inout SIMD16<Int32>,
        _ s1: inout SIMD16<Int32>, _ s2: inout SIMD16<Int32>, _ s3: inout SIMD16<Int32>
    ) {
        let low = SIMD16<Int32>(repeating: 0xFF)
        // Callers check i + 64 <= count: 64 codes and 64 weights (4 × 16) lie inside the buffers.
        let c = UnsafeRawPointer(codes + i).loadUnaligned(as: SIMD16<Int32>.self)
        let w = UnsafeRawPointer(weights + i)
        s0 &+= (c & low) &* signExtended16(w.loadUnaligned(as: SIMD16<Int32>.self))
        s1 &+= ((c &>> 8) & low) &* signExtended16(w.loadUnaligned(fromByteOffset: 64, as: SIMD16<Int32>.self))
        s2 &+= ((c &>> 16) & low) &* signExtended16(w.loadUnaligned(fromByteOffset: 128, as: SIMD16<Int32>.self))
        s3 &+= ((c &>> 24) & low) &* signExtended16(w.loadUnaligned(fromByteOffset: 192, as: SIMD16<Int32>.self))
    }

    /// `x` with each lane's low 16 bits sign-extended: the identity on valid weights, and what
    /// tells LLVM that a 16-bit multiply-add suffices.
    @inlinable @inline(__always)
    static func signExtended16(_ x: SIMD16<Int32>) -> SIMD16<Int32> {
        (x &<< 16) &>> 16
    }
}
