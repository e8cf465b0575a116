#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a mutual-exclusion lock, for the few places threads share a table (`BlobReader`, `DeletedIndex`,
/// `SharedVersions`). The standard library's `Mutex` does this, but only from macOS 15; this one needs nothing newer
/// than the oldest platform `Package.swift` declares: a `pthread_mutex_t` on Linux, an `os_unfair_lock` (macOS 10.12)
/// on Darwin, each allocated once so it never moves. The value is touched only inside `withLock`, so the class is
/// `@unchecked Sendable` for `Sendable` values (ThreadSanitizer runs over the history tests in `.ci/run`). The value
/// is an ordinary (copyable) type: a noncopyable generic argument needs the Swift 6 runtime (macOS 15).
final class Locked<Value> {
    private var value: Value
    #if canImport(Darwin)
    private let lock: UnsafeMutablePointer<os_unfair_lock>
    #else
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    #endif

    init(_ value: Value) {
        self.value = value
        lock = .allocate(capacity: 1)
        #if canImport(Darwin)
        lock.initialize(to: os_unfair_lock())
        #else
        lock.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(lock, nil) == 0, "pthread_mutex_init failed")
        #endif
    }

    deinit {
        #if !canImport(Darwin)
        pthread_mutex_destroy(lock)
        #endif
        lock.deinitialize(count: 1)
        lock.deallocate()
    }

    /// Runs `body` with the value while holding the lock.
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        #if canImport(Darwin)
        os_unfair_lock_lock(lock)
        defer { os_unfair_lock_unlock(lock) }
        #else
        precondition(pthread_mutex_lock(lock) == 0, "pthread_mutex_lock failed")
        defer { pthread_mutex_unlock(lock) }
        #endif
        return try body(&value)
    }

    /// Runs `body` with the value when the lock is free; nil at once when another thread holds it.
    func withLockIfAvailable<R>(_ body: (inout Value) throws -> R) rethrows -> R? {
        #if canImport(Darwin)
        guard os_unfair_lock_trylock(lock) else { return nil }
        defer { os_unfair_lock_unlock(lock) }
        #else
        guard pthread_mutex_trylock(lock) == 0 else { return nil }
        defer { pthread_mutex_unlock(lock) }
        #endif
        return try body(&value)
    }
}

extension Locked: @unchecked Sendable where Value: Sendable {}
