// The one file of the probe tests that imports the C library (swift-system's
// Internals/Syscalls.swift is the model): the loopback sockets of the test HTTP server.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform: add its C library to Internals/Syscalls.swift")
#endif

/// A listening TCP socket on 127.0.0.1 with a port the system chose: (descriptor, port), or
/// `nil` (`socket`, `setsockopt(SO_REUSEADDR)`, `bind`, `listen`, `getsockname`).
func system_listenOnLoopback(backlog: Int32 = 64) -> (fd: Int32, port: UInt16)? {
    #if canImport(Darwin)
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #else
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #endif
    guard fd >= 0 else { return nil }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &addr) { p in
        p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, backlog) == 0 else {
        close(fd)
        return nil
    }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { p in
        p.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return (fd, UInt16(bigEndian: addr.sin_port))
}

/// `accept(2)` without the peer's address.
func system_accept(_ fd: Int32) -> Int32 { accept(fd, nil, nil) }

/// `recv(2)`.
func system_recv(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    recv(fd, buffer.baseAddress, buffer.count, 0)
}

/// `send(2)` that never raises SIGPIPE (`MSG_NOSIGNAL`; Darwin has no such flag, so there it is
/// a plain send and the test process ignores nothing).
func system_send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    #if canImport(Darwin)
    send(fd, bytes.baseAddress, bytes.count, 0)
    #else
    send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
    #endif
}

/// `shutdown(fd, SHUT_RDWR)`: wakes a thread blocked in `accept`.
func system_shutdown(_ fd: Int32) {
    #if canImport(Darwin)
    _ = shutdown(fd, SHUT_RDWR)
    #else
    _ = shutdown(fd, Int32(SHUT_RDWR))
    #endif
}

/// `close(2)`.
func system_close(_ fd: Int32) { _ = close(fd) }
