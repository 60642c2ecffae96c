// `loupe embed`: computes CLIP image embeddings for a list of images (a TSV of ids and URLs, or a
// directory of image files) and inserts `(id, url, embedding)` rows into a table through the
// library API, as the walkthrough's Python loop does. Failed downloads are skipped and reported.

import ArgumentParser
import Foundation
import Loupe
import LoupeEmbed

struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed images with a CLIP checkpoint and insert them into a table.",
        discussion: """
            SOURCE is a TSV file with a header row (ids and image paths or http(s) URLs, in the columns
            named by --source-id-column and --source-url-column) or a directory of .jpg/.jpeg/.png files
            (the id is the file name without its extension). The table is created when it does not
            exist. Without --database the rows live in memory: pass --output to keep them as a TSV
            file, and/or -q/-f to query them before the command exits.
            """)

    @Option(help: "A Hugging Face CLIP checkpoint directory (config.json, model.safetensors, preprocessor_config.json).")
    var model: String

    @Option(help: "A database directory to fill, created when missing (default: an in-memory database).")
    var database: String?

    @Option(help: "The table to fill.")
    var table = "photos"

    @Option(help: "Column that receives the image id.")
    var idColumn = "photo_id"

    @Option(help: "Column that receives the image URL or path.")
    var urlColumn = "photo_image_url"

    @Option(help: "Column that receives the embedding (Array(Float32)).")
    var vectorColumn = "photo_embed"

    @Option(help: "Column of SOURCE holding the ids (TSV sources).")
    var sourceIdColumn = "photo_id"

    @Option(help: "Column of SOURCE holding the image URLs or paths (TSV sources).")
    var sourceUrlColumn = "photo_image_url"

    @Option(help: "Text appended to every http(s) URL before downloading, e.g. '?q=75&fm=jpg&w=200&fit=max'.")
    var urlSuffix = ""

    @Option(help: "Embed only the first N images.")
    var limit: Int?

    @Option(help: "Images per batch.")
    var batchSize = 32

    @Option(help: "Downloads in flight at once.")
    var concurrency = 8

    @Option(help: "Seconds before a download attempt is abandoned.")
    var timeout: Double = 30

    @Option(help: "Further attempts after a failed download.")
    var retries = 2

    @Flag(help: "Ignore JPEG EXIF orientation, as the walkthrough's Image.open(...) does (default: turn photos upright).")
    var ignoreExifOrientation = false

    @Option(help: "Also write the rows as a TSV file (id, url, embedding), loadable with FORMAT TSV.")
    var output: String?

    @Option(name: [.short, .customLong("query")], help: "SQL to run after the rows are inserted.")
    var query: String?

    @Option(name: [.short, .customLong("file")], help: "A .sql script to run after the rows are inserted.")
    var file: String?

    @Option(help: "Output format of --query/--file results.")
    var format: String?

    @Argument(help: "A TSV file or a directory of images.")
    var source: String

    func validate() throws {
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let format, OutputFormat(name: format) == nil { throw ValidationError("unknown format '\(format)'") }
    }

    func run() throws {
        do {
            try embedAndInsert()
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func embedAndInsert() throws {
        var items = try EmbedSource.items(
            from: source, idColumn: sourceIdColumn, urlColumn: sourceUrlColumn, urlSuffix: urlSuffix)
        if let limit { items = Array(items.prefix(max(0, limit))) }
        let clip = try CLIPVisionModel(directory: URL(fileURLWithPath: model), maxBatchSize: batchSize)
        let fetcher = ImageFetcher(
            options: ImageFetcher.Options(maxConcurrent: concurrency, timeout: timeout, retries: retries))
        let pipeline = EmbeddingPipeline(
            model: clip, fetcher: fetcher, batchSize: batchSize, applyOrientation: !ignoreExifOrientation)

        let db = try database.map { try Database(path: $0) } ?? Database.inMemory()
        let sink = try EmbeddingSink(
            database: db, table: table, columns: (idColumn, urlColumn, vectorColumn),
            dimension: clip.embeddingSize, outputPath: output)
        let progress = ProgressLine(total: items.count, enabled: Terminal.isInteractive(.standardError))
        let failures = try sink.consume(pipeline: pipeline, items: items, progress: progress)
        progress.finish()
        FileHandle.standardError.write(
            Data("Embedded \(sink.inserted) of \(items.count) images into \(table); \(failures.count) failed.\n".utf8))
        for failure in failures {
            FileHandle.standardError.write(Data("  skipped \(failure.id) (\(failure.source)): \(failure.reason)\n".utf8))
        }
        try runFollowUp(on: db)
    }

    private func runFollowUp(on db: Database) throws {
        var scripts: [String] = []
        if let query { scripts.append(query) }
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw LoupeError(.io, "cannot read file '\(file)'")
            }
            scripts.append(text)
        }
        let chosen = format.flatMap(OutputFormat.init(name:))
        let printer = ResultPrinter(
            format: chosen ?? (Terminal.isInteractive(.standardOutput) ? .prettyCompact : .tsv), showTime: false)
        for script in scripts {
            try ScriptRunner(database: db).run(script) { outcome in try printer.print(outcome) }
        }
    }
}
