// chatham-bench-ingest: submissions per second through the real server, against the machine's
// floor measured in the same run.
//
// Floor (the issue's definition): one thread, a tight loop of libsodium seal-open plus one SQLite
// insert per submission (WAL, synchronous FULL, group commit of 256), on pre-sealed envelopes.
// Split: the server's own CPU pipeline and its relational insert, each timed alone on one thread.
// Server: the release build of chatham-server on loopback, pre-sealed distinct envelopes sent over
// many keep-alive connections by this process (one poll thread); each answer must be 202.
//
// Usage: chatham-bench-ingest --server-binary PATH [--reports N] [--connections C] [--runs R]
import ChathamCrypto
import ChathamModel
import ChathamServer
import ChathamStore
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var serverBinary = ".build/release/chatham-server"
    var reports = 20_000
    var connections = 32
    var runs = 3

    init() {
        var args = CommandLine.arguments.dropFirst().makeIterator()
        while let a = args.next() {
            switch a {
            case "--server-binary": serverBinary = args.next() ?? serverBinary
            case "--reports": reports = Self.number(args.next())
            case "--connections": connections = Self.number(args.next())
            case "--runs": runs = Self.number(args.next())
            default: Self.usage()
            }
        }
    }
}

extension Options {
    static func number(_ text: String?) -> Int {
        guard let text, let n = Int(text), n > 0 else { usage() }
        return n
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: chatham-bench-ingest --server-binary PATH [--reports N] [--connections C] [--runs R]\n".utf8))
        exit(64)
    }
}

/// CPU seconds (user + system) a process has used, from /proc (Linux); nil elsewhere.
func cpuSeconds(pid: Int32) -> Double? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    // Fields after the command name: state is field 3, utime 14, stime 15.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

let options = Options()
let reportsPerMember = 500

func temporaryDirectory(_ name: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    return path
}

func reportJSON(id: String, i: Int) -> [String: Any] {
    let sectors = ["52", "62", "22", "92", "51", "31"]
    let regions = ["europe", "americas-north", "asia"]
    let pairs = [("malware", "ransomware"), ("social", "phishing"), ("hacking", "use-of-stolen-creds"), ("error", "misdelivery")]
    let (category, variety) = pairs[i % pairs.count]
    return [
        "schema": "chatham.report/1", "id": id, "period": "2026-11",
        "victim": ["sector": sectors[i % sectors.count], "size": "1001-10000", "region": regions[i % regions.count]],
        "actor": ["kind": "external", "motive": "financial"],
        "actions": [["category": category, "variety": variety]],
        "techniques": ["T1486", "T1566.001"], "assets": ["server"], "attributes": ["availability"],
        "discovery": "internal", "timeline": ["dwell": "days", "containment": "hours"],
        "impact": ["loss": "100k-1m", "downtime": "days"],
        "mitigations": [["id": "M1053", "stage": "after", "effective": "yes"], ["id": "M1032", "stage": "before", "effective": "partial"]],
        "share_narrative": false,
    ]
}

/// Builds `count` distinct, valid envelopes with fresh credentials issued by `issuer`.
func makeEnvelopes(count: Int, sealingKey: BoxPublicKey, issuer: (CredentialRequest) throws -> Credential) throws -> [[UInt8]] {
    var out: [[UInt8]] = []
    var credential: Credential?
    for i in 0..<count {
        if i % reportsPerMember == 0 { credential = nil }
        if credential == nil {
            credential = try issuer(try CredentialRequest(epoch: "2026-Q4", publicKeyDER: currentCredentialDER))
        }
        let plaintext: [String: Any] = [
            "credential": try JSONSerialization.jsonObject(with: JSONEncoder().encode(credential!)),
            "report": reportJSON(id: Encoding.hex(randomBytes(count: 16)), i: i),
        ]
        let sealed = SealedBox.seal(Array(try JSONSerialization.data(withJSONObject: plaintext)), to: sealingKey)
        let body = try JSONSerialization.data(withJSONObject: ["version": 1, "key_id": sealingKey.keyID, "sealed": Encoding.base64(sealed)])
        out.append(Array(body))
    }
    return out
}

nonisolated(unsafe) var currentCredentialDER: [UInt8] = []

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    return s[min(s.count - 1, Int(Double(s.count) * p))]
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

// MARK: Floor

/// The floor as the issue defines it: one thread, a tight loop of libsodium seal-open plus one
/// SQLite insert per submission (WAL, synchronous FULL as the server, group commit of 256).
func floorRun(envelopes: [[UInt8]], keys: BoxKeyPair) throws -> Double {
    let dir = temporaryDirectory("chatham-floor")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var config = Configuration()
    config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    let db = try DatabasePool(path: dir + "/floor.sqlite", configuration: config)
    try db.write { try $0.execute(sql: "CREATE TABLE floor (id BLOB PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID") }
    // Envelopes as they arrive: the base64 is decoded in the loop, as the server must.
    let sealed = try envelopes.map { body -> String in
        let object = try JSONSerialization.jsonObject(with: Data(body)) as! [String: Any]
        return object["sealed"] as! String
    }
    let start = now()
    var batch: [[UInt8]] = []
    batch.reserveCapacity(256)
    func flush() throws {
        try db.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO floor (id, body) VALUES (?, ?)")
            for plaintext in batch {
                try insert.execute(arguments: [Data(randomBytes(count: 16)), Data(plaintext)])
            }
        }
        batch.removeAll(keepingCapacity: true)
    }
    for text in sealed {
        batch.append(try SealedBox.open(try Encoding.fromBase64(text), with: keys))
        if batch.count == 256 { try flush() }
    }
    if !batch.isEmpty { try flush() }
    return Double(envelopes.count) / (now() - start)
}

/// Where the server's time goes, on one thread: the whole CPU pipeline of a submission (envelope,
/// seal-open, credential, report validation) and then the store's relational insert of the same
/// rows in group commits of 256.
func pipelineSplit(envelopes: [[UInt8]], keys: ServerKeys) throws -> (prepare: Double, store: Double) {
    let dir = temporaryDirectory("chatham-split")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let db = try AppDatabase(path: dir + "/split.sqlite")
    let service = IngestService(store: db, keys: keys)
    var t = now()
    let rows = try envelopes.map { try service.prepare(body: $0) }
    let prepare = Double(envelopes.count) / (now() - t)
    t = now()
    var i = 0
    while i < rows.count {
        _ = try db.insertReports(Array(rows[i..<min(i + 256, rows.count)]))
        i += 256
    }
    return (prepare, Double(envelopes.count) / (now() - t))
}

// MARK: Load generator (raw keep-alive HTTP/1.1 over loopback)

func connect(port: Int) -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var one: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    precondition(rc == 0, "connect failed")
    return fd
}

/// The status code of a response head, `HTTP/1.1 202 …`.
func statusCode(_ head: [UInt8]) -> Int {
    let hundreds = Int(head[9]) - 48, tens = Int(head[10]) - 48, ones = Int(head[11]) - 48
    return hundreds * 100 + tens * 10 + ones
}

/// The Content-Length of a response head (0 when absent).
func contentLength(_ head: ArraySlice<UInt8>) -> Int {
    let name = Array("content-length:".utf8)
    var i = head.startIndex
    while i + name.count < head.endIndex {
        if head[i] == 10 {
            var match = true
            for (k, c) in name.enumerated() where head[i + 1 + k] | 0x20 != c { match = false; break }
            if match {
                var j = i + 1 + name.count, value = 0
                while j < head.endIndex, head[j] == 32 { j += 1 }
                while j < head.endIndex, head[j] >= 48, head[j] <= 57 { value = value * 10 + Int(head[j] - 48); j += 1 }
                return value
            }
        }
        i += 1
    }
    return 0
}

struct LoadResult {
    let rate: Double
    let latencies: [Double]
    let failures: Int
}

/// Many keep-alive connections driven from one thread with poll(2): each sends its next request as
/// soon as the answer to the last one is in. One thread, so the generator takes as little CPU from
/// the server (on the same machine) as it can.
func load(port: Int, bodies: [[UInt8]], connections: Int) -> LoadResult {
    let requests = bodies.map { body -> [UInt8] in
        Array("POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
    }
    struct Connection {
        var fd: Int32
        var next: Int          // index of the request in flight
        var sent = 0
        var have = 0
        var headEnd = -1
        var length = 0
        var started = 0.0
        var buffer = [UInt8](repeating: 0, count: 16384)
    }
    var conns: [Connection] = []
    var polls: [pollfd] = []
    let readable = Int16(POLLIN), writable = Int16(POLLOUT)
    func watch(_ c: Int, _ events: Int16) { polls[c].events = events }
    /// Sends what is left of connection c's request; true once all of it is out.
    func pump(_ c: Int) -> Bool {
        let request = requests[conns[c].next]
        while conns[c].sent < request.count {
            let n = request.withUnsafeBytes { send(conns[c].fd, $0.baseAddress! + conns[c].sent, request.count - conns[c].sent, 0) }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return false }
            precondition(n > 0, "send failed")
            conns[c].sent += n
        }
        return true
    }
    var latencies: [Double] = []
    latencies.reserveCapacity(requests.count)
    var failures = 0
    var open = 0
    let start = now()
    for c in 0..<min(connections, requests.count) {
        let fd = connect(port: port)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        conns.append(Connection(fd: fd, next: c))
        polls.append(pollfd(fd: fd, events: 0, revents: 0))
        conns[c].started = now()
        watch(c, pump(c) ? readable : writable)
        open += 1
    }
    while open > 0 {
        let ready = poll(&polls, nfds_t(polls.count), 10_000)
        precondition(ready > 0 || (ready < 0 && errno == EINTR), "the server stopped answering")
        for c in polls.indices where polls[c].fd >= 0 && polls[c].revents != 0 {
            polls[c].revents = 0
            if polls[c].events == writable {
                if pump(c) { watch(c, readable) }
                continue
            }
            let fd = conns[c].fd, have = conns[c].have
            let n = conns[c].buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + have, $0.count - have, 0) }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { continue }
            precondition(n > 0, "connection closed")
            conns[c].have += n
            if conns[c].headEnd < 0 {
                let b = conns[c].buffer
                var i = 3
                while i < conns[c].have {
                    if b[i] == 10, b[i - 1] == 13, b[i - 2] == 10, b[i - 3] == 13 { conns[c].headEnd = i + 1; break }
                    i += 1
                }
                guard conns[c].headEnd >= 0 else { continue }
                conns[c].length = contentLength(b[0..<conns[c].headEnd])
            }
            guard conns[c].have >= conns[c].headEnd + conns[c].length else { continue }
            let status = statusCode(conns[c].buffer)
            if status != 202 { failures += 1 }
            let t = now()
            latencies.append(t - conns[c].started)
            conns[c].next += connections
            conns[c].sent = 0
            conns[c].have = 0
            conns[c].headEnd = -1
            conns[c].length = 0
            if conns[c].next >= requests.count {
                close(conns[c].fd)
                polls[c].fd = -1  // poll skips negative descriptors
                open -= 1
                continue
            }
            conns[c].started = t
            if !pump(c) { watch(c, writable) }
        }
    }
    return LoadResult(rate: Double(requests.count) / (now() - start), latencies: latencies, failures: failures)
}

// MARK: Main

func run(_ args: [String], env: [String: String] = [:]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: options.serverBinary)
    p.arguments = args
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    precondition(p.terminationStatus == 0, "chatham-server \(args.joined(separator: " ")) failed")
    return String(decoding: data, as: UTF8.self)
}

func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    close(fd)
    return Int(UInt16(bigEndian: addr.sin_port))
}

print("chatham-bench-ingest: \(options.reports) reports, \(options.connections) connections, \(options.runs) runs, \(ProcessInfo.processInfo.activeProcessorCount) cores")
var floorRates: [Double] = []
var serverRates: [Double] = []
var prepareRates: [Double] = []
var storeRates: [Double] = []
var p50s: [Double] = []
var p99s: [Double] = []
var serverCPU: [Double] = []  // µs of server CPU per submission
var loadCPU: [Double] = []  // µs of the load generator's CPU per submission
for runIndex in 1...options.runs {
    let data = temporaryDirectory("chatham-bench")
    defer { try? FileManager.default.removeItem(atPath: data) }
    _ = try run(["init", "--data", data])
    let directory = DataDirectory(path: data)
    let keys = try ServerKeys(directory: directory)
    let pair = keys.sealing.values.first!
    let issuerKey = try keys.credentialKeyCreatingIfNeeded(epoch: "2026-Q4")
    currentCredentialDER = issuerKey.publicKeyDER
    // Credentials are issued with the server's own key file (as the server would), to keep setup short.
    let envelopes = try makeEnvelopes(count: options.reports, sealingKey: pair.publicKey) { request in
        try request.finalize(blindSignature: issuerKey.blindSign(request.blindedMessage))
    }
    let floor = try floorRun(envelopes: envelopes, keys: pair)
    floorRates.append(floor)
    let split = try pipelineSplit(envelopes: envelopes, keys: keys)
    prepareRates.append(split.prepare)
    storeRates.append(split.store)

    let port = freePort()
    let server = Process()
    server.executableURL = URL(fileURLWithPath: options.serverBinary)
    server.arguments = ["serve", "--data", data, "--host", "127.0.0.1", "--port", "\(port)"]
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try server.run()
    defer { server.terminate(); server.waitUntilExit() }
    var up = false
    for _ in 0..<100 {
        usleep(100_000)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        close(fd)
        if rc == 0 { up = true; break }
    }
    precondition(up, "server did not start")
    let cpuBefore = cpuSeconds(pid: server.processIdentifier), loadBefore = cpuSeconds(pid: getpid())
    let result = load(port: port, bodies: envelopes, connections: options.connections)
    if let before = cpuBefore, let after = cpuSeconds(pid: server.processIdentifier) {
        serverCPU.append((after - before) / Double(options.reports) * 1e6)
    }
    if let before = loadBefore, let after = cpuSeconds(pid: getpid()) {
        loadCPU.append((after - before) / Double(options.reports) * 1e6)
    }
    precondition(result.failures == 0, "\(result.failures) submissions were not answered 202")
    let stored = try AppDatabase(path: directory.databasePath).reportCount()
    precondition(stored == options.reports, "stored \(stored) of \(options.reports)")
    serverRates.append(result.rate)
    p50s.append(percentile(result.latencies, 0.50) * 1000)
    p99s.append(percentile(result.latencies, 0.99) * 1000)
    print(String(format: "run %d: floor %.0f/s, server %.0f/s (ratio %.2f), p50 %.2f ms, p99 %.2f ms, all %d stored; one thread: prepare %.0f/s, store %.0f/s; CPU per submission: server %.0f µs, load generator %.0f µs",
                 runIndex, floor, result.rate, result.rate / floor, p50s.last!, p99s.last!, stored, split.prepare, split.store,
                 serverCPU.last ?? .nan, loadCPU.last ?? .nan))
}
print(String(format: "median: floor %.0f/s, server %.0f/s, ratio %.2f, p50 %.2f ms, p99 %.2f ms; one thread: prepare %.0f/s, store %.0f/s; CPU per submission: server %.0f µs, load generator %.0f µs",
             median(floorRates), median(serverRates), median(serverRates) / median(floorRates), median(p50s), median(p99s),
             median(prepareRates), median(storeRates), serverCPU.isEmpty ? .nan : median(serverCPU), loadCPU.isEmpty ? .nan : median(loadCPU)))
