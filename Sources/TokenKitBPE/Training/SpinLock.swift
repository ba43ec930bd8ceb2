import Synchronization

/// A tiny lock for progress counters shared by worker threads.
final class SpinLock: Sendable {
    private let mutex = Mutex<Void>(())

    func withLock<R>(_ body: () -> R) -> R {
        mutex.withLock { _ in body() }
    }
}
