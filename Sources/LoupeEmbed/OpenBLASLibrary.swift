// OpenBLAS, loaded when the first model is built rather than linked into every program that
// uses Loupe. Linking it would start OpenBLAS's thread pool in the constructor of every process
// — including `loupe -q "SELECT 1"` — and its idle threads spin on a core for their first tenth
// of a second. Loading it with dlopen keeps that cost for the programs that embed images.

import COpenBLAS
import Foundation

/// The three OpenBLAS entry points LoupeEmbed calls, resolved from the shared library.
struct OpenBLASLibrary: @unchecked Sendable {
    typealias SetThreadCount = @convention(c) (Int32) -> Void
    typealias Sgemm = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
        UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
    ) -> Void

    let setThreadCount: SetThreadCount
    let sgemm: Sgemm

    /// The names Debian's packages install the library under, most specific first.
    private static let candidates = ["libopenblas.so.0", "libopenblas.so"]

    /// The library, or why it could not be loaded (resolved once, on first use).
    static let shared: Result<OpenBLASLibrary, EmbedError> = load()

    /// The loaded library; throws when it is missing. Model constructors call this first, so the
    /// matrix products that follow may use `loaded`.
    static func require() throws -> OpenBLASLibrary {
        try shared.get()
    }

    /// The library, after `require()` succeeded.
    static var loaded: OpenBLASLibrary {
        guard case .success(let library) = shared else {
            preconditionFailure("OpenBLAS used before OpenBLASLibrary.require() succeeded")
        }
        return library
    }

    private static func load() -> Result<OpenBLASLibrary, EmbedError> {
        var reasons: [String] = []
        for name in candidates {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                reasons.append(dlerror().map { String(cString: $0) } ?? "\(name): cannot be loaded")
                continue
            }
            guard let setThreads = dlsym(handle, "openblas_set_num_threads"), let sgemm = dlsym(handle, "cblas_sgemm")
            else {
                reasons.append("\(name) lacks openblas_set_num_threads or cblas_sgemm")
                continue
            }
            // The symbols have exactly these C signatures (cblas.h, with 32-bit blasint).
            return .success(
                OpenBLASLibrary(
                    setThreadCount: unsafeBitCast(setThreads, to: SetThreadCount.self),
                    sgemm: unsafeBitCast(sgemm, to: Sgemm.self)))
        }
        return .failure(
            .invalidInput(
                reason: "OpenBLAS is not installed (apt-get install libopenblas0): " + reasons.joined(separator: "; ")))
    }
}
