// `loupe sample unsplash`: a synthetic stand-in for the Unsplash Lite dataset and the embeddings
// the image-search walkthrough computes from it, written as three TSV files with header rows:
// photos.tsv and conversions.tsv in the Lite dataset's columns, photo_embeddings.tsv in the
// columns of the walkthrough's `myscale_photos` table (id, photo_id, photo_image_url, photo_embed).

import ArgumentParser
import Foundation

struct SampleUnsplashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unsplash",
        abstract: "Write a synthetic Unsplash Lite sample: photos.tsv, conversions.tsv, photo_embeddings.tsv.",
        discussion: """
            Photos belong to latent topics (bee, mountain, coffee, ...): their descriptions mention the \
            topic, their 512-dimensional unit embeddings lie around the topic's centre, and the keywords \
            of their conversions (downloads) come from the topic. A few photos get most downloads. The \
            same --seed writes the same bytes. Load the files with INSERT ... FROM INFILE ... FORMAT \
            TSVWithNames, as examples/image-search/2-load.sql does.
            """)

    @Option(help: "Number of photos.")
    var photos = 25_000

    @Option(help: "Number of conversions (downloads); default 40 per photo.")
    var conversions: Int?

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 42

    @Option(help: "Directory to write the files into (created when missing).")
    var out: String

    func validate() throws {
        guard photos > 0 else { throw ValidationError("--photos must be positive") }
        if let conversions, conversions < 0 { throw ValidationError("--conversions must not be negative") }
    }

    func run() throws {
        let generator = UnsplashSample(photos: photos, conversions: conversions ?? 40 * photos, seed: seed)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try generator.write(to: URL(fileURLWithPath: out))
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
