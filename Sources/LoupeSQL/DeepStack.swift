// A helper that runs a computation on a thread with a large stack and waits for its result.
// The parser uses it for deeply nested input (see `Parser.withEnoughStack`): the stack a
// recursive-descent parse needs grows with nesting, and the calling thread's may be small.

import Foundation
import LoupeCore

enum DeepStack {
    /// The stack size of the helper thread. Only the pages actually touched are committed.
    static let stackSize = 512 << 20

    /// Runs `body` on a new thread with `stackSize` bytes of stack and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws(LoupeError) -> T) throws(LoupeError) -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do throws(LoupeError) {
                outcome.result = .success(try body())
            } catch {
                outcome.result = .failure(error)
            }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        // The semaphore orders the helper's write before this read.
        switch outcome.result {
        case .success(let value): return value
        case .failure(let error): throw error
        case nil: preconditionFailure("the helper thread signals only after storing a result")
        }
    }

    /// The result slot shared with the helper thread; the semaphore serialises access.
    private final class Outcome<T>: @unchecked Sendable {
        var result: Result<T, LoupeError>?
    }
}
