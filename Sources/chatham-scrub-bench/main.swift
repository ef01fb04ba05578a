import ChathamScrub
import ChathamTestKit
import Foundation

// Scrub throughput on ~10 MB of synthetic incident narratives with a
// 1,000-entry profile, against a plain byte scan of the same text in the same
// run. Prints the median of several runs.
// Usage: chatham-scrub-bench [--mb 10] [--runs 5] [--entries 1000] [--stages] [--dump FILE]
// --stages: thread CPU time of each pipeline stage instead of the throughput runs
// (--repeat R: each stage R times, to lift a stage out of the noise).
// --dump FILE: write every scrubbed narrative and its findings to FILE instead.

/// Deterministic text (SplitMix64), so every run scrubs the same narratives.
typealias Rand = SplitMix64

func runBench() {
    var mb = 10, runs = 5, entries = 1000
    var stages = false
    var repeats = 1
    var dump: String? = nil
    var argv = Array(CommandLine.arguments.dropFirst())
    while let a = argv.first {
        argv.removeFirst()
        let v = argv.first.flatMap(Int.init)
        switch a {
        case "--mb": mb = v ?? mb; argv.removeFirst()
        case "--runs": runs = v ?? runs; argv.removeFirst()
        case "--entries": entries = v ?? entries; argv.removeFirst()
        case "--stages": stages = true
        case "--repeat": repeats = max(1, v ?? 1); argv.removeFirst()
        case "--dump": dump = argv.first; argv.removeFirst()
        default: break
        }
    }

    var rng = Rand(state: 42)
    let syllables = ["ka", "lo", "mer", "din", "sta", "vel", "ron", "tis", "bar", "nor", "quin", "fel", "dra", "mun", "sel", "gar", "pol", "ven", "tor", "rak"]
    func word(_ n: Int) -> String { (0..<n).map { _ in rng.pick(syllables) }.joined() }
    func cap(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    // A 1,000-entry profile: names, aliases, people, terms, locations, domains, hosts.
    var orgNames: [String] = [], aliases: [String] = [], people: [String] = [], terms: [String] = []
    var locations: [String] = [], domains: [String] = [], hostnames: [String] = []
    for k in 0..<entries {
        switch k % 7 {
        case 0: orgNames.append("\(cap(word(2))) \(rng.pick(["Bank", "Insurance", "Logistics", "Energy", "Health"])) plc")
        case 1: aliases.append(word(2).uppercased())
        case 2: people.append("\(cap(word(2))) \(cap(word(3)))")
        case 3: terms.append("Project \(cap(word(3)))")
        case 4: locations.append(cap(word(3)))
        case 5: domains.append("\(word(3)).co.uk")
        default: hostnames.append("\(word(2).uppercased())-*")
        }
    }
    let profile = MemberProfile(organisationNames: orgNames, organisationAliases: aliases, domains: domains,
                                networks: ["203.0.113.0/24", "2001:db8:ac::/48"], people: people,
                                hostnames: hostnames, locations: locations, terms: terms, keep: ["LockBit"])

    let templates = [
        "On the morning of the incident the SOC saw beaconing from a workstation to %IP% every 60 seconds, consistent with Cobalt Strike. ",
        "%PERSON% from the infrastructure team isolated the host %HOST% after 4 hours and reset 230 passwords. ",
        "The phishing mail came from %EMAIL% and linked to hxxps://%DOMAIN%/login, exploiting CVE-2023-23397 (T1566.001). ",
        "%ORG% reported the breach to the regulator within 72 hours; dwell time was 19 days and the ransom demand 4.2 BTC. ",
        "Data from %TERM% was staged with Rclone and exfiltrated to a cloud storage provider over 3 days. ",
        "Our CISO %NAME% declared a major incident; the office in %LOC% lost connectivity for 2 days. ",
        "Analysts found Mimikatz (T1003.001) and PsExec used for lateral movement across 42 servers in the estate. ",
        "The vishing call came from +44 20 7946 0958 and the helpdesk reset MFA for a privileged account without a callback. ",
        "Backups on the Veeam server were deleted before LockBit encrypted 1,450 endpoints, and recovery took 11 days. ",
        "Firewall logs from the Fortinet FortiGate showed exploitation of CVE-2024-21762 from 185.220.101.4 shortly after midnight. ",
    ]
    let generic = ["Maria Fernandez", "Tomasz Nowak", "Li Wei", "Kwame Mensah"]
    func fill(_ t: String) -> String {
        var s = t
        s = s.replacingOccurrences(of: "%IP%", with: rng.int(2) == 0 ? "203.0.113.\(rng.int(250))" : "\(rng.int(200) + 20).\(rng.int(250)).\(rng.int(250)).\(rng.int(250))")
        s = s.replacingOccurrences(of: "%PERSON%", with: rng.pick(people))
        s = s.replacingOccurrences(of: "%HOST%", with: rng.pick(hostnames).replacingOccurrences(of: "*", with: "SRV-0\(rng.int(90) + 10)"))
        s = s.replacingOccurrences(of: "%EMAIL%", with: "\(word(2))@\(rng.pick(domains))")
        s = s.replacingOccurrences(of: "%DOMAIN%", with: "\(word(2))-\(rng.pick(domains))")
        s = s.replacingOccurrences(of: "%ORG%", with: rng.pick(orgNames))
        s = s.replacingOccurrences(of: "%TERM%", with: rng.pick(terms))
        s = s.replacingOccurrences(of: "%NAME%", with: rng.pick(generic))
        s = s.replacingOccurrences(of: "%LOC%", with: rng.pick(locations))
        return s
    }

    // Narratives of ~2 KB each, ~10 MB in all.
    var narratives: [String] = []
    var total = 0
    while total < mb * 1_000_000 {
        var n = ""
        while n.utf8.count < 2_000 { n += fill(rng.pick(templates)) }
        narratives.append(n)
        total += n.utf8.count
    }
    let bytes = narratives.map { Array($0.utf8) }

    func median(_ a: [Double]) -> Double { let s = a.sorted(); return s[s.count / 2] }
    var cpuSeconds: [Double] = []
    func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    /// Wall-clock seconds of `body`; its CPU seconds go to `cpuSeconds`, a
    /// steadier figure on a machine shared with other work.
    func seconds(_ body: () -> Void) -> Double {
        let c0 = threadCPU()
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        cpuSeconds.append(threadCPU() - c0)
        return wall
    }

    if let dump {
        dumpScrubbed(narratives, profile: profile, to: dump)
        return
    }
    if stages {
        // Where the time goes: each stage of the pipeline timed separately.
        let scrubber = Scrubber(profile: profile)
        var totals: [String: UInt64] = [:]
        var order: [String] = []
        for n in narratives {
            let cpu: () -> UInt64 = {
                var ts = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
                return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
            }
            for (name, ns) in scrubber.stageTimes(n, repeats: repeats, clock: cpu) {
                if totals[name] == nil { order.append(name) }
                totals[name, default: 0] += ns
            }
        }
        let sum = totals.values.reduce(0, +)
        let found = narratives.reduce(0) { $0 + scrubber.scrub($1).findings.count }
        print("findings: \(found) in \(narratives.count) narratives")
        for name in order {
            let ns = totals[name]!
            print(String(format: "%@ %8.1f ms  %5.1f%%  %7.1f MB/s", name.padding(toLength: 24, withPad: " ", startingAt: 0) as NSString, Double(ns) / 1e6,
                         100 * Double(ns) / Double(sum), Double(total) / 1e6 / (Double(ns) / 1e9)))
        }
        print(String(format: "%@ %8.1f ms of thread CPU time", "total".padding(toLength: 24, withPad: " ", startingAt: 0) as NSString, Double(sum) / 1e6))
        return
    }
    let t0 = DispatchTime.now().uptimeNanoseconds
    let scrubber = Scrubber(profile: profile)
    let compile = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9

    var scanRates: [Double] = [], scrubRates: [Double] = [], cpuRates: [Double] = []
    var sink = 0
    for _ in 0..<runs {
        // Plain byte scan: look at every byte once (count spaces and newlines).
        let ts = seconds {
            var c = 0
            for b in bytes { for x in b where x == 0x20 || x == 0x0A { c += 1 } }
            sink &+= c
        }
        scanRates.append(Double(total) / 1e6 / ts)
        let tr = seconds {
            var f = 0
            for n in narratives { f += scrubber.scrub(n).findings.count }
            sink &+= f
        }
        scrubRates.append(Double(total) / 1e6 / tr)
        cpuRates.append(Double(total) / 1e6 / cpuSeconds.last!)
    }
    let scrubMBs = median(scrubRates), scanMBs = median(scanRates)
    print(String(format: "text: %.1f MB in %d narratives; profile: %d entries (compiled in %.2f s)", Double(total) / 1e6, narratives.count, entries, compile))
    print(String(format: "byte scan: median %.0f MB/s over %d runs", scanMBs, runs))
    print(String(format: "scrub:     median %.1f MB/s over %d runs (runs: %@)", scrubMBs, runs,
                 scrubRates.map { String(format: "%.1f", $0) }.joined(separator: ", ")))
    print(String(format: "scrub CPU: median %.1f MB/s of thread CPU time (steadier on a shared machine)", median(cpuRates)))
    print(String(format: "ratio scrub/byte-scan: %.4f (1 : %.0f)", scrubMBs / scanMBs, scanMBs / scrubMBs))
    if sink == 42 { print("") }

}

/// Every scrubbed text and its findings, to compare two builds' output byte
/// for byte (the throughput runs print no output to compare). Kept out of
/// `runBench` so the timed loops there compile as they always did.
func dumpScrubbed(_ narratives: [String], profile: MemberProfile, to dump: String) {
    let scrubber = Scrubber(profile: profile)
    var out = ""
    // Also mutated copies of some narratives, with accents, invisible
    // characters, look-alikes, placeholders and CJK glued in at random,
    // so the non-ASCII paths are compared too.
    var mutated: [String] = []
    let inserts = ["é", "É", "\u{200B}", "ß", "Ａ", "а", "[ORG]", "[PERSON-2]", ".", "@", "-", "'", "’", "\u{00A0}",
                   "鈴木さん", "高级工程师", "김", "İ", "ﬁ", "𝐀", "\u{301}", "1", "$", " ", "\n", "(", "[.]", ":", "_"]
    var mrng = Rand(state: 7)
    for n in narratives.prefix(600) {
        var scalars = Array(n.unicodeScalars)
        var k = mrng.int(40)
        while k < scalars.count {
            if mrng.int(3) == 0 {
                let v = scalars[k].value
                if v >= 0x61 && v <= 0x7A { scalars[k] = Unicode.Scalar(v - 0x20)! } else if v >= 0x41 && v <= 0x5A { scalars[k] = Unicode.Scalar(v + 0x20)! }
            } else {
                scalars.insert(contentsOf: mrng.pick(inserts).unicodeScalars, at: k)
            }
            k += 1 + mrng.int(60)
        }
        var m = ""
        m.unicodeScalars.append(contentsOf: scalars)
        mutated.append(m)
    }
    for n in narratives + mutated {
        let r = scrubber.scrub(n)
        out += r.text + "\n"
        for f in r.findings { out += "\(f.kind) \(f.start) \(f.end) \(f.replacement)\n" }
        out += "--\n"
    }
    _ = FileManager.default.createFile(atPath: dump, contents: Data(out.utf8))
    print("wrote \(narratives.count + mutated.count) scrubbed narratives to \(dump)")
}

runBench()
