import ChathamCrypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold secrets or member data: created 0600 (directories 0700), written whole or
/// not at all.
///
/// A write goes to a fresh temporary file opened with `O_CREAT|O_EXCL` and mode 0600 in the
/// same directory, is flushed with `fsync`, then renamed over the target: the file is never
/// briefly world-readable, and a crash leaves the old content or the new, never half.
public enum SecureFile {
    /// Creates `directory` (and missing parents) with mode 0700; tightens an existing one
    /// that is open to group or others.
    public static func ensureDirectory(_ directory: URL) throws {
        let path = directory.path
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw ClientError(.io, "\(path) exists and is not a directory")
            }
            if let mode = permissions(path), mode & 0o077 != 0 { _ = chmod(path, 0o700) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ClientError(.io, "could not create \(path)")
        }
        _ = chmod(path, 0o700)  // umask may have narrowed or widened the requested mode
    }

    /// Writes `bytes` to `url` atomically with mode 0600, replacing any existing file.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try ensureDirectory(dir)
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(Encoding.hex(randomBytes(count: 8))).tmp").path
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw ClientError(.io, "could not create \(url.path)") }
        var ok = true
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { ok = false; break }
                offset += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok, rename(temp, url.path) == 0 else {
            unlink(temp)
            throw ClientError(.io, "could not write \(url.path)")
        }
    }

    /// Creates `url` with mode 0600, failing if it exists (O_EXCL): for files the member must
    /// not overwrite by accident.
    public static func create(_ bytes: [UInt8], at url: URL, mode: mode_t = 0o600) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else {
            if errno == EEXIST {
                throw ClientError(.io, "\(url.path) already exists", hint: "choose another file name or remove it first")
            }
            throw ClientError(.io, "could not create \(url.path)")
        }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw ClientError(.io, "could not write \(url.path)") }
    }

    /// Reads a file's bytes, or nil if it does not exist.
    public static func read(_ url: URL) throws -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ClientError(.io, "could not read \(url.path)")
        }
        return [UInt8](data)
    }

    /// Refuses a file that group or others can read or write: a secret that has leaked once is
    /// not made safe by carrying on.
    public static func requirePrivate(_ url: URL) throws {
        guard let mode = permissions(url.path) else { return }
        if mode & 0o077 != 0 {
            throw ClientError(.insecurePermissions,
                              "\(url.path) is readable by other users (mode \(String(mode & 0o777, radix: 8)))",
                              hint: "run: chmod 600 \(url.path)")
        }
    }

    /// The file's permission bits, nil if it does not exist.
    public static func permissions(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o7777
    }

    /// Removes a file; a file already gone is fine.
    public static func remove(_ url: URL) throws {
        if unlink(url.path) != 0 && errno != ENOENT {
            throw ClientError(.io, "could not remove \(url.path)")
        }
    }
}

/// `write(2)`, spelt once for both C libraries.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
