// A manually managed, growable run of trivial values: what the load parsers append parsed
// values to in their hot loops. Unlike an Array it has no copy-on-write check per append, and a
// loop can copy the three-word struct into a local, append, and store it back. Its memory is
// owned by whoever created it and released with `free()` (the `ColumnLoader` that holds it).

/// Contiguous storage of `count` values with room for `capacity`.
struct GrowableBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// Releases the memory; the buffer must not be used afterwards.
    func free() {
        base.deallocate()
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(to: count + 1) }
        // `count < capacity` here, so the slot is inside the allocation.
        (base + count).initialize(to: value)
        count += 1
    }

    /// Appends `n` copies of `value`.
    mutating func append(repeating value: Element, count n: Int) {
        reserve(n)
        (base + count).initialize(repeating: value, count: n)
        count += n
    }

    /// Appends the values of `source`.
    mutating func append(contentsOf source: UnsafeBufferPointer<Element>) {
        guard let start = source.baseAddress, !source.isEmpty else { return }
        reserve(source.count)
        (base + count).initialize(from: start, count: source.count)
        count += source.count
    }

    /// Makes room for `n` more values.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        // Both regions are valid for `count` elements and do not overlap (fresh allocation).
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// The last value (the buffer must not be empty).
    var last: Element { base[count - 1] }

    subscript(i: Int) -> Element {
        get { base[i] }
        set { base[i] = newValue }
    }

    /// Drops values beyond the first `n`.
    mutating func truncate(to n: Int) {
        count = min(count, n)
    }

    /// The values as an Array (copied), leaving the buffer empty for reuse.
    mutating func takeArray() -> [Element] {
        let n = count
        let array = [Element](unsafeUninitializedCapacity: n) { dst, initialized in
            // `dst` has room for `n` elements; the source holds `n` initialized ones.
            if n > 0 { dst.baseAddress!.initialize(from: base, count: n) }
            initialized = n
        }
        count = 0
        return array
    }
}
