// Runs a computation on a thread with a large stack and waits for its result.
// The parser uses it for deeply nested input (see `Parser.withEnoughStack`): the stack a
// recursive-descent parse needs grows with nesting, and the calling thread's may be small.
// POSIX threads are used directly because thread creation can fail (address-space limits) and
// that failure must become an error, not a hang.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LoupeCore

enum DeepStack {
    /// The worker thread's stack: far more than `Parser.defaultMaxDepth` levels need even in debug
    /// builds. Only the pages actually touched are committed.
    static let stackSize = 64 << 20

    /// Runs `body` on a new thread with `stackSize` bytes of stack and returns its result, or nil
    /// when no such thread can be started.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws(LoupeError) -> T) -> Result<T, LoupeError>? {
        let job = Job(body)
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, stackSize) == 0 else { return nil }
        // The thread takes over one retain of `job` and releases it when done.
        let context = Unmanaged.passRetained(job as AnyObject).toOpaque()
        #if canImport(Darwin)
            var thread: pthread_t?
        #else
            var thread = pthread_t()
        #endif
        guard pthread_create(&thread, &attributes, runJob, context) == 0 else {
            Unmanaged<AnyObject>.fromOpaque(context).release()
            return nil
        }
        #if canImport(Darwin)
            guard let thread else { return nil }
        #endif
        // Joining orders the worker's write of `job.result` before this read.
        pthread_join(thread, nil)
        return job.result
    }

    /// The work and its result, shared with the worker thread; `pthread_join` serialises access.
    private final class Job<T: Sendable>: Runnable, @unchecked Sendable {
        let body: @Sendable () throws(LoupeError) -> T
        var result: Result<T, LoupeError>?

        init(_ body: @escaping @Sendable () throws(LoupeError) -> T) {
            self.body = body
        }

        func run() {
            do throws(LoupeError) {
                result = .success(try body())
            } catch {
                result = .failure(error)
            }
        }
    }
}

/// Type-erased access to a `DeepStack.Job` from the C entry point.
private protocol Runnable: AnyObject {
    func run()
}

#if canImport(Darwin)
    private func runJob(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        // `context` is the retained job passed to pthread_create; take that retain back.
        (Unmanaged<AnyObject>.fromOpaque(context).takeRetainedValue() as? Runnable)?.run()
        return nil
    }
#else
    private func runJob(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
        // `context` is the retained job passed to pthread_create; take that retain back.
        guard let context else { return nil }
        (Unmanaged<AnyObject>.fromOpaque(context).takeRetainedValue() as? Runnable)?.run()
        return nil
    }
#endif
