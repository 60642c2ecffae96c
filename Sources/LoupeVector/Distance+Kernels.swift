// The SIMD loops under `Distance`. Each walks its buffers 64 floats at a time into four independent
// SIMD16 accumulators (so consecutive FMAs do not wait on each other's result), then 16 at a
// time, then finishes the last count % 16 elements with scalar code, so any length works. Built
// with `-Xcc -march=native`, a SIMD16<Float> is one AVX-512 register (two AVX2 registers on CPUs
// without AVX-512) and `addProduct` is one vfmadd instruction.

extension Distance {
    /// 16 floats starting at `p + i`.
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD16<Float> {
        // Every caller checks i + 16 <= count first, so the 16 floats lie inside the buffer.
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// `Σ a[i]·b[i]`.
    @inline(__always)
    static func dotKernel(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0 = SIMD16<Float>()
        var s1 = s0
        var s2 = s0
        var s3 = s0
        var i = 0
        while i &+ 64 <= n {
            s0.addProduct(load(a, i), load(b, i))
            s1.addProduct(load(a, i &+ 16), load(b, i &+ 16))
            s2.addProduct(load(a, i &+ 32), load(b, i &+ 32))
            s3.addProduct(load(a, i &+ 48), load(b, i &+ 48))
            i &+= 64
        }
        while i &+ 16 <= n {
            s0.addProduct(load(a, i), load(b, i))
            i &+= 16
        }
        var sum = ((s0 + s1) + (s2 + s3)).pairwiseSum
        while i < n {
            sum.addProduct(a[i], b[i])
            i &+= 1
        }
        return sum
    }

    /// `Σ (a[i] - b[i])²`.
    @inline(__always)
    static func l2SquaredKernel(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0 = SIMD16<Float>()
        var s1 = s0
        var s2 = s0
        var s3 = s0
        var i = 0
        while i &+ 64 <= n {
            let d0 = load(a, i) - load(b, i)
            let d1 = load(a, i &+ 16) - load(b, i &+ 16)
            let d2 = load(a, i &+ 32) - load(b, i &+ 32)
            let d3 = load(a, i &+ 48) - load(b, i &+ 48)
            s0.addProduct(d0, d0)
            s1.addProduct(d1, d1)
            s2.addProduct(d2, d2)
            s3.addProduct(d3, d3)
            i &+= 64
        }
        while i &+ 16 <= n {
            let d = load(a, i) - load(b, i)
            s0.addProduct(d, d)
            i &+= 16
        }
        var sum = ((s0 + s1) + (s2 + s3)).pairwiseSum
        while i < n {
            let d = a[i] - b[i]
            sum.addProduct(d, d)
            i &+= 1
        }
        return sum
    }

    /// `Σ a[i]²`.
    @inline(__always)
    static func squaredNormKernel(_ a: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0 = SIMD16<Float>()
        var s1 = s0
        var s2 = s0
        var s3 = s0
        var i = 0
        while i &+ 64 <= n {
            let x0 = load(a, i)
            let x1 = load(a, i &+ 16)
            let x2 = load(a, i &+ 32)
            let x3 = load(a, i &+ 48)
            s0.addProduct(x0, x0)
            s1.addProduct(x1, x1)
            s2.addProduct(x2, x2)
            s3.addProduct(x3, x3)
            i &+= 64
        }
        while i &+ 16 <= n {
            let x = load(a, i)
            s0.addProduct(x, x)
            i &+= 16
        }
        var sum = ((s0 + s1) + (s2 + s3)).pairwiseSum
        while i < n {
            sum.addProduct(a[i], a[i])
            i &+= 1
        }
        return sum
    }

    /// `(Σ q[i]·r[i], Σ r[i]²)` in one pass over `r`: what cosine needs per row once the query's
    /// norm is known.
    @inline(__always)
    static func dotAndSquaredNormKernel(
        _ q: UnsafePointer<Float>, _ r: UnsafePointer<Float>, _ n: Int
    ) -> (dot: Float, squaredNorm: Float) {
        var d0 = SIMD16<Float>()
        var d1 = d0
        var d2 = d0
        var d3 = d0
        var n0 = SIMD16<Float>()
        var n1 = n0
        var n2 = n0
        var n3 = n0
        var i = 0
        while i &+ 64 <= n {
            let x0 = load(r, i)
            let x1 = load(r, i &+ 16)
            let x2 = load(r, i &+ 32)
            let x3 = load(r, i &+ 48)
            d0.addProduct(x0, load(q, i))
            d1.addProduct(x1, load(q, i &+ 16))
            d2.addProduct(x2, load(q, i &+ 32))
            d3.addProduct(x3, load(q, i &+ 48))
            n0.addProduct(x0, x0)
            n1.addProduct(x1, x1)
            n2.addProduct(x2, x2)
            n3.addProduct(x3, x3)
            i &+= 64
        }
        while i &+ 16 <= n {
            let x = load(r, i)
            d0.addProduct(x, load(q, i))
            n0.addProduct(x, x)
            i &+= 16
        }
        var dot = ((d0 + d1) + (d2 + d3)).pairwiseSum
        var squaredNorm = ((n0 + n1) + (n2 + n3)).pairwiseSum
        while i < n {
            dot.addProduct(q[i], r[i])
            squaredNorm.addProduct(r[i], r[i])
            i &+= 1
        }
        return (dot, squaredNorm)
    }

    /// `1 - dot / (|a|·|b|)` from the parts, computed as ClickHouse does; NaN when a norm is 0.
    @inline(__always)
    static func cosineFromParts(dot: Float, squaredNormA: Float, squaredNormB: Float) -> Float {
        1 - dot / (squaredNormA.squareRoot() * squaredNormB.squareRoot())
    }
}
