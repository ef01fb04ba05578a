// chatham-bench-ingest: submissions per second through the real server, against the machine's
// floor measured in the same run.
//
// Floor: one thread, a tight loop of libsodium seal-open plus the same SQLite insert the server
// does (WAL, synchronous FULL, group commit of 256), on pre-sealed envelopes.
// Server: the release build of chatham-server on loopback, pre-sealed distinct envelopes sent over
// many keep-alive connections by this process; each answer must be 202.
//
// Usage: chatham-bench-ingest --server-binary PATH [--reports N] [--connections C] [--runs R]
import ChathamCrypto
import ChathamModel
import ChathamServer
import ChathamStore
import Foundation
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
            case "--server-binary": serverBinary = args.next()!
            case "--reports": reports = Int(args.next()!)!
            case "--connections": connections = Int(args.next()!)!
            case "--runs": runs = Int(args.next()!)!
            default: fatalError("unknown option \(a)")
            }
        }
    }
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

func floorRun(envelopes: [[UInt8]], keys: BoxKeyPair) throws -> Double {
    let dir = temporaryDirectory("chatham-floor")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let db = try AppDatabase(path: dir + "/floor.sqlite")
    let start = now()
    var batch: [ReportRow] = []
    batch.reserveCapacity(256)
    for (n, body) in envelopes.enumerated() {
        let object = try JSONSerialization.jsonObject(with: Data(body)) as! [String: Any]
        let plaintext = try SealedBox.open(try Encoding.fromBase64(object["sealed"] as! String), with: keys)
        let inner = try JSONSerialization.jsonObject(with: Data(plaintext)) as! [String: Any]
        let r = inner["report"] as! [String: Any]
        let victim = r["victim"] as! [String: String]
        let action = (r["actions"] as! [[String: String]])[0]
        batch.append(ReportRow(
            id: r["id"] as! String, receipt: "rcpt_" + (r["id"] as! String),
            pseudonym: String(format: "%064x", n / reportsPerMember),  // as many per pseudonym as the server sees
            epoch: "2026-Q4", period: "2026-11", sector: victim["sector"]!, size: victim["size"]!, region: victim["region"]!,
            actorKind: "external", actorMotive: "financial", discovery: "internal", dwell: "days", containment: "hours",
            loss: "100k-1m", downtime: "days",
            actions: [ActionRow(category: action["category"]!, variety: action["variety"], vector: nil)],
            techniques: ["T1486", "T1566.001"], assets: ["server"], attributes: ["availability"],
            mitigations: [MitigationRow(id: "M1053", stage: "after", effective: "yes"), MitigationRow(id: "M1032", stage: "before", effective: "partial")],
            narrative: nil, shareNarrative: false, document: String(decoding: plaintext, as: UTF8.self)))
        if batch.count == 256 {
            _ = try db.insertReports(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }
    if !batch.isEmpty { _ = try db.insertReports(batch) }
    return Double(envelopes.count) / (now() - start)
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

/// Sends one request and returns the status code.
func roundTrip(fd: Int32, request: [UInt8], buffer: inout [UInt8]) -> Int {
    var sent = 0
    while sent < request.count {
        let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, 0) }
        precondition(n > 0, "send failed")
        sent += n
    }
    var have = 0
    while true {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + have, $0.count - have, 0) }
        precondition(n > 0, "connection closed")
        have += n
        let text = String(decoding: buffer[0..<have], as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { continue }
        let head = text[..<end.lowerBound].lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        let headBytes = text.utf8.distance(from: text.utf8.startIndex, to: end.upperBound)
        if have >= headBytes + length {
            return Int(head.dropFirst(9).prefix(3))!
        }
    }
}

struct LoadResult {
    let rate: Double
    let latencies: [Double]
    let failures: Int
}

func load(port: Int, bodies: [[UInt8]], connections: Int) -> LoadResult {
    let requests = bodies.map { body -> [UInt8] in
        Array("POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
    }
    final class Totals: @unchecked Sendable {
        let lock = NSLock()
        var latencies: [Double] = []
        var failures = 0
    }
    let totals = Totals()
    let group = DispatchGroup()
    let start = now()
    for c in 0..<connections {
        group.enter()
        Thread.detachNewThread {
            let fd = connect(port: port)
            var buffer = [UInt8](repeating: 0, count: 16384)
            var mine: [Double] = []
            var bad = 0
            var i = c
            while i < requests.count {
                let t0 = now()
                if roundTrip(fd: fd, request: requests[i], buffer: &buffer) != 202 { bad += 1 }
                mine.append(now() - t0)
                i += connections
            }
            close(fd)
            totals.lock.lock(); totals.latencies += mine; totals.failures += bad; totals.lock.unlock()
            group.leave()
        }
    }
    group.wait()
    return LoadResult(rate: Double(requests.count) / (now() - start), latencies: totals.latencies, failures: totals.failures)
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
var p50s: [Double] = []
var p99s: [Double] = []
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
    let result = load(port: port, bodies: envelopes, connections: options.connections)
    precondition(result.failures == 0, "\(result.failures) submissions were not answered 202")
    let stored = try AppDatabase(path: directory.databasePath).reportCount()
    precondition(stored == options.reports, "stored \(stored) of \(options.reports)")
    serverRates.append(result.rate)
    p50s.append(percentile(result.latencies, 0.50) * 1000)
    p99s.append(percentile(result.latencies, 0.99) * 1000)
    print(String(format: "run %d: floor %.0f/s, server %.0f/s (ratio %.2f), p50 %.2f ms, p99 %.2f ms, all %d stored",
                 runIndex, floor, result.rate, result.rate / floor, p50s.last!, p99s.last!, stored))
}
print(String(format: "median: floor %.0f/s, server %.0f/s, ratio %.2f, p50 %.2f ms, p99 %.2f ms",
             median(floorRates), median(serverRates), median(serverRates) / median(floorRates), median(p50s), median(p99s)))
