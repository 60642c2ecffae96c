// The Unsplash sample's generator. Photos are streamed out one at a time (both photos.tsv and
// photo_embeddings.tsv), then conversions; only a few numbers per photo stay in memory (its id bits,
// topic, popularity and download count), so a million photos fit in tens of megabytes. Each kind
// of draw has its own random stream: the photo picked by the k-th conversion is drawn once to count
// downloads (photos.tsv's stats_downloads) and again, identically, to write the conversion.

import Foundation

struct UnsplashSample {
    var photos: Int
    var conversions: Int
    var seed: UInt64

    static let dimensions = 512
    /// Per-coordinate noise around a topic centre: the noise vector's norm is about 1.1, so photos
    /// of one topic have cosine similarity near 0.45 and photos of different topics near 0.
    static let noise = 1.1 / Double(dimensions).squareRoot()

    static let photoColumns = [
        "photo_id", "photo_url", "photo_image_url", "photo_submitted_at", "photo_featured", "photo_width",
        "photo_height", "photo_aspect_ratio", "photo_description", "photographer_username",
        "photographer_first_name", "photographer_last_name", "exif_camera_make", "exif_camera_model",
        "exif_iso", "exif_aperture_value", "exif_focal_length", "exif_exposure_time", "photo_location_name",
        "photo_location_latitude", "photo_location_longitude", "photo_location_country", "photo_location_city",
        "stats_views", "stats_downloads", "ai_description", "ai_primary_landmark_name",
        "ai_primary_landmark_latitude", "ai_primary_landmark_longitude", "ai_primary_landmark_confidence",
        "blur_hash",
    ]
    static let conversionColumns = [
        "converted_at", "conversion_type", "keyword", "photo_id", "anonymous_user_id", "conversion_country",
        "device_type", "search_orientation_filter", "search_ordering",
    ]
    static let embeddingColumns = ["id", "photo_id", "photo_image_url", "photo_embed"]

    private enum Stream: UInt64 {
        case centres = 1, topics, ids, photoFields, embeddings, popularity, conversionPhotos, conversionFields
    }

    private func random(_ stream: Stream) -> SampleRandom { SampleRandom(seed: seed, stream: stream.rawValue) }

    func write(to directory: URL) throws {
        let topics = SampleTopics.all
        let topicChoice = WeightedChoice(weights: topics.map(\.share))

        // Per photo: topic, id bits, popularity (Pareto, so downloads are long-tailed).
        var topicRandom = random(.topics), idRandom = random(.ids), popularityRandom = random(.popularity)
        var topicOf = [UInt8](repeating: 0, count: photos)
        var idBits = [UInt64](repeating: 0, count: photos)
        var popularity = [Double](repeating: 0, count: photos)
        for i in 0..<photos {
            topicOf[i] = UInt8(topicChoice.pick(&topicRandom))
            idBits[i] = idRandom.next()
            popularity[i] = 1 / _pow(1 - popularityRandom.unit(), 1 / 1.7)
        }
        let photoChoice = WeightedChoice(weights: popularity)
        popularity = []

        // Downloads per photo, from the same draws the conversions will make.
        var downloads = [Int32](repeating: 0, count: photos)
        var countRandom = random(.conversionPhotos)
        for _ in 0..<conversions { downloads[photoChoice.pick(&countRandom)] += 1 }

        try writePhotos(to: directory, topics: topics, topicOf: topicOf, idBits: idBits, downloads: downloads)
        try writeConversions(
            to: directory, topics: topics, topicOf: topicOf, idBits: idBits, photoChoice: photoChoice)
    }

    // MARK: photos.tsv and photo_embeddings.tsv

    private func writePhotos(
        to directory: URL, topics: [SampleTopic], topicOf: [UInt8], idBits: [UInt64], downloads: [Int32]
    ) throws {
        let photosOut = try SampleWriter(path: directory.appendingPathComponent("photos.tsv").path)
        let embeddingsOut = try SampleWriter(path: directory.appendingPathComponent("photo_embeddings.tsv").path)
        photosOut.header(Self.photoColumns)
        embeddingsOut.header(Self.embeddingColumns)

        var centreRandom = random(.centres)
        let centres: [[Double]] = topics.map { _ in
            normalized((0..<Self.dimensions).map { _ in centreRandom.gaussian() })
        }
        var fields = random(.photoFields), embedRandom = random(.embeddings)
        let photographers = max(1, photos / 20)
        var vector = [Double](repeating: 0, count: Self.dimensions)
        var embedding = [Float](repeating: 0, count: Self.dimensions)

        for i in 0..<photos {
            let topic = topics[Int(topicOf[i])]
            // 2014-01-01 .. 2019-12-31; the image URL carries the upload time in milliseconds.
            let submitted = 1_388_534_400 + fields.below(6 * 365 * 86_400)
            let millis = submitted * 1000 + fields.below(1000)
            let urlHash = fields.next()
            let (width, height) = Self.dimensions(&fields)
            let photographer = fields.below(photographers)
            let views = Int(downloads[i]) * fields.between(40...250) + fields.between(100...5_000)
            let downloadCount = Int(downloads[i]) * fields.between(3...8) + fields.below(20)

            // photos.tsv
            let out = photosOut
            writeID(idBits[i], to: out); out.tab()
            out.text("https://unsplash.com/photos/"); writeID(idBits[i], to: out); out.tab()
            writeImageURL(millis: millis, hash: urlHash, to: out); out.tab()
            out.dateTime(submitted); out.tab()
            out.text(fields.chance(0.9) ? "t" : "f"); out.tab()
            out.int(width); out.tab()
            out.int(height); out.tab()
            let ratio100 = (width * 100 + height / 2) / height
            out.int(ratio100 / 100); out.byte(UInt8(ascii: ".")); out.int(ratio100 % 100, width: 2); out.tab()
            if fields.chance(0.75) { out.text(topic.descriptions[fields.below(topic.descriptions.count)]) }
            out.tab()
            let first = Self.firstNames[photographer % Self.firstNames.count]
            let last = Self.lastNames[(photographer / Self.firstNames.count) % Self.lastNames.count]
            out.text(first.lowercased()); out.text(last.lowercased())
            if photographer >= Self.firstNames.count * Self.lastNames.count { out.int(photographer) }
            out.tab()
            out.text(first); out.tab()
            out.text(last); out.tab()
            let camera = Self.cameras[photographer % Self.cameras.count]
            out.text(camera.0); out.tab()
            out.text(camera.1); out.tab()
            out.int([100, 200, 400, 800, 1600][fields.below(5)]); out.tab()
            out.text(["1.8", "2.8", "4.0", "5.6", "8.0", "11.0"][fields.below(6)]); out.tab()
            out.text(["24.0", "35.0", "50.0", "85.0", "200.0"][fields.below(5)]); out.tab()
            out.text(["1/60", "1/125", "1/250", "1/500", "1/1000"][fields.below(5)]); out.tab()
            out.tab(); out.tab(); out.tab(); out.tab(); out.tab()  // no location
            out.int(views); out.tab()
            out.int(downloadCount); out.tab()
            out.text(topic.captions[fields.below(topic.captions.count)]); out.tab()
            out.tab(); out.tab(); out.tab(); out.tab()  // no landmark
            writeBlurHash(fields.next(), to: out)
            out.endRow()

            // photo_embeddings.tsv: the topic centre plus Gaussian noise, scaled to unit length.
            let centre = centres[Int(topicOf[i])]
            for d in 0..<Self.dimensions { vector[d] = centre[d] + Self.noise * embedRandom.gaussian() }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for d in 0..<Self.dimensions { embedding[d] = Float(vector[d] / norm) }
            embeddingsOut.int(i); embeddingsOut.tab()
            writeID(idBits[i], to: embeddingsOut); embeddingsOut.tab()
            writeImageURL(millis: millis, hash: urlHash, to: embeddingsOut); embeddingsOut.tab()
            embeddingsOut.floatArray(embedding)
            embeddingsOut.endRow()
        }
        try photosOut.close()
        try embeddingsOut.close()
    }

    private static func dimensions(_ random: inout SampleRandom) -> (Int, Int) {
        let long = random.between(3000...6000)
        let ratio = [1.5, 1.333, 1.778, 1.25][random.below(4)]
        let short = Int(Double(long) / ratio)
        switch random.below(20) {
        case 0: return (long, long)  // square
        case 1...7: return (short, long)  // portrait
        default: return (long, short)  // landscape
        }
    }

    // MARK: conversions.tsv

    private func writeConversions(
        to directory: URL, topics: [SampleTopic], topicOf: [UInt8], idBits: [UInt64], photoChoice: WeightedChoice
    ) throws {
        let out = try SampleWriter(path: directory.appendingPathComponent("conversions.tsv").path)
        out.header(Self.conversionColumns)
        let keywordChoices = topics.map { WeightedChoice(zipf: $0.keywords.count) }
        let countryChoice = WeightedChoice(zipf: Self.countries.count, exponent: 0.9)
        var photoRandom = random(.conversionPhotos), fields = random(.conversionFields)
        let users = max(100, conversions / 8)
        for _ in 0..<conversions {
            let photo = photoChoice.pick(&photoRandom)
            let topic = Int(topicOf[photo])
            // 2020-01-01 .. 2024-12-31
            out.dateTime(1_577_836_800 + fields.below(5 * 365 * 86_400)); out.tab()
            out.text("download"); out.tab()
            out.text(topics[topic].keywords[keywordChoices[topic].pick(&fields)]); out.tab()
            writeID(idBits[photo], to: out); out.tab()
            writeUUID(user: fields.below(users), to: out); out.tab()
            out.text(Self.countries[countryChoice.pick(&fields)]); out.tab()
            out.text(fields.chance(0.8) ? "desktop" : "mobile"); out.tab()
            let orientation = fields.below(10)
            if orientation >= 7 { out.text(["landscape", "portrait", "squarish"][orientation - 7]) }
            out.tab()
            out.text(fields.chance(0.9) ? "relevant" : "latest")
            out.endRow()
        }
        try out.close()
    }

    // MARK: identifiers

    private static let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".utf8)

    /// An 11-character photo id from 64 random bits (ten 6-bit characters and one 4-bit one).
    private func writeID(_ bits: UInt64, to out: SampleWriter) {
        for k in 0..<10 { out.byte(Self.idAlphabet[Int((bits >> (UInt64(k) * 6)) & 63)]) }
        out.byte(Self.idAlphabet[Int(bits >> 60) * 4 + 2])
    }

    /// `https://images.unsplash.com/photo-1416339306562-f3d12fefd36f`, as Unsplash's image URLs read.
    private func writeImageURL(millis: Int, hash: UInt64, to out: SampleWriter) {
        out.text("https://images.unsplash.com/photo-")
        out.int(millis)
        out.byte(UInt8(ascii: "-"))
        out.hex(hash, count: 12)
    }

    /// A version-4 UUID derived from the user's number, so a user downloads under one id.
    private func writeUUID(user: Int, to out: SampleWriter) {
        let high = SampleRandom.hash(seed, UInt64(user) << 1), low = SampleRandom.hash(seed, UInt64(user) << 1 | 1)
        out.hex(high >> 32, count: 8); out.byte(UInt8(ascii: "-"))
        out.hex(high >> 16, count: 4); out.byte(UInt8(ascii: "-"))
        out.hex(0x4000 | (high & 0x0FFF), count: 4); out.byte(UInt8(ascii: "-"))
        out.hex(0x8000 | (low >> 48 & 0x3FFF), count: 4); out.byte(UInt8(ascii: "-"))
        out.hex(low, count: 12)
    }

    private static let blurAlphabet = Array(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~".utf8)

    private func writeBlurHash(_ bits: UInt64, to out: SampleWriter) {
        out.text("L")
        var state = bits
        for _ in 0..<27 {
            let v = SampleRandom.splitMix(&state)
            out.byte(Self.blurAlphabet[Int(v % UInt64(Self.blurAlphabet.count))])
        }
    }

    // MARK: vocabulary

    private static let firstNames = [
        "Anna", "Ben", "Chloe", "David", "Elena", "Felix", "Grace", "Hugo", "Isla", "Jonas", "Kai", "Lena",
        "Mateo", "Nora", "Oscar", "Priya", "Quentin", "Rosa", "Sam", "Tara", "Umar", "Vera", "Will", "Yuki",
    ]
    private static let lastNames = [
        "Smith", "Garcia", "Muller", "Rossi", "Kim", "Silva", "Novak", "Tanaka", "Jensen", "Dubois",
        "Kowalski", "Ahmed", "Olsen", "Costa", "Nguyen", "Weber", "Lopez", "Sato", "Berg", "Moreau",
    ]
    private static let cameras = [
        ("Canon", "Canon EOS 5D Mark IV"), ("NIKON CORPORATION", "NIKON D750"), ("SONY", "ILCE-7M3"),
        ("FUJIFILM", "X-T3"), ("Apple", "iPhone 12 Pro"), ("Canon", "Canon EOS R5"), ("SONY", "ILCE-7RM4"),
    ]
    private static let countries = [
        "US", "GB", "DE", "IN", "FR", "BR", "CA", "ES", "IT", "NL", "AU", "JP", "PL", "RU", "MX", "TR",
        "KR", "ID", "SE", "CH",
    ]
}

private func normalized(_ v: [Double]) -> [Double] {
    let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return v.map { $0 / norm }
}
