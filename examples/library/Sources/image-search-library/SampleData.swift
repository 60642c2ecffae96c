// Deterministic sample data for the example: photos whose 512-dimensional unit embeddings cluster
// around a few topic centres, and download events ("conversions") tagged with each topic's
// keywords. Everything comes from a small seeded generator, so every run produces the same rows
// and the printed results can be compared run to run.

import Foundation

/// SplitMix64: a tiny, fast, seedable generator (the same sequence on every platform).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal value (Box-Muller).
    mutating func gaussian() -> Double {
        let u1 = max(unit(), .leastNonzeroMagnitude)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// A photo row of `myscale_photos`.
struct Photo {
    let id: UInt64
    let photoID: String
    let url: String
    let topic: Int
    let embedding: [Float]
}

/// A download row of `myscale_conversions`.
struct Conversion {
    let id: UInt64
    let photoID: String
    let keyword: String
}

/// The generated data set.
struct SampleData {
    static let dimensions = 512
    static let topics: [(name: String, keywords: [String])] = [
        ("bees", ["bee", "bees", "honey", "honey bee", "bumblebee"]),
        ("mountains", ["mountain", "peak", "snow", "alps", "landscape"]),
        ("beaches", ["beach", "sea", "sand", "ocean", "summer"]),
        ("cities", ["city", "street", "night", "skyline", "architecture"]),
        ("forests", ["forest", "tree", "green", "nature", "woods"]),
        ("food", ["food", "coffee", "breakfast", "fruit", "dinner"]),
    ]

    let photos: [Photo]
    let conversions: [Conversion]

    init(photoCount: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let centres = Self.topics.map { _ in Self.normalized((0..<Self.dimensions).map { _ in rng.gaussian() }) }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        var seen = Set<String>()
        var photos: [Photo] = []
        var conversions: [Conversion] = []
        photos.reserveCapacity(photoCount)
        for i in 0..<photoCount {
            var photoID: String
            repeat {
                photoID = String((0..<11).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            } while !seen.insert(photoID).inserted
            let topic = Int(rng.next() % UInt64(centres.count))
            // Each photo sits near its topic's centre; how near varies from photo to photo.
            let spread = 0.02 + 0.03 * rng.unit()
            let embedding = Self.normalized(centres[topic].map { $0 + spread * rng.gaussian() })
            photos.append(
                Photo(
                    id: UInt64(i), photoID: photoID, url: "https://images.unsplash.com/photo-\(photoID)", topic: topic,
                    embedding: embedding.map { Float($0) }))
            // Downloads are skewed: most photos have a few, some have many.
            let downloads = Int(rng.unit() * rng.unit() * 40)
            let keywords = Self.topics[topic].keywords
            for _ in 0..<downloads {
                let keyword = keywords[Int(rng.next() % UInt64(keywords.count))]
                conversions.append(Conversion(id: UInt64(conversions.count), photoID: photoID, keyword: keyword))
            }
        }
        self.photos = photos
        self.conversions = conversions
    }

    static func normalized(_ v: [Double]) -> [Double] {
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }
}
