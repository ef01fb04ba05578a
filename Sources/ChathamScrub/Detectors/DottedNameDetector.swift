/// Dotted names: domains and FQDNs ending in a known TLD → [DOMAIN]; names
/// ending in an internal suffix (.local, .internal, .corp, …) → [HOST]; any
/// other dotted name that contains a profile entry → [DOMAIN] (so
/// "vpn.acmebank.example" goes whole, not as "vpn.[ORG].example"). A name
/// followed by a path or port becomes a [URL] with that path.
///
/// Near-misses left alone: file names ("invoice.pdf", "payload.exe",
/// "script.ps1", "report.doc.zip"), version numbers ("1.2.3"), abbreviations
/// ("e.g.", "i.e.", "O.MG"), dotted numbers (IPs are the IP detector's).
struct DottedNameDetector: Sendable {
    func detect(_ text: ScanText, tainted: (Int, Int) -> Bool, into candidates: inout [Candidate]) {
        let s = text.scalars
        // The labels of the name at hand, one array for the whole text
        // (emptied per name, its storage kept): most dotted tokens are
        // names worth a look, and an array each was an allocation each.
        var labels: [(Int, Int)] = []
        text.forEachToken(ScanText.Token.innerDot | ScanText.Token.open) { from, tokenEnd in
            var i = from
            while i < tokenEnd {
                guard ScalarClass.isAlnum(s[i]), !text.protected[i] else {
                    i += 1
                    continue
                }
                let midLabel = text.isWordy(at: i - 1) || text.scalar(at: i - 1) == "." || (text.scalar(at: i - 1).map(ScalarClass.isIgnorable) ?? false)
                    || (text.scalar(at: i - 1) == "-" && (text.isWordy(at: i - 2) || text.scalar(at: i - 2) == "-"))
                guard !midLabel else {
                    i += 1
                    continue
                }
                // Fast path: most words are not dotted names.
                var probe = i
                while probe < s.count, ScalarClass.isLabel(s[probe]) || ScalarClass.isIgnorable(s[probe]) { probe += 1 }
                let probeDot = Defang.dot(s, probe)
                guard probeDot > 0, probe + probeDot < s.count, ScalarClass.isAlnum(s[probe + probeDot]) else {
                    i = probe + 1
                    continue
                }
                labels.removeAll(keepingCapacity: true)
                var j = i
                while j < s.count, ScalarClass.isAlnum(s[j]) {
                    let start = j
                    while j < s.count, ScalarClass.isLabel(s[j]) || ScalarClass.isIgnorable(s[j]) { j += 1 }
                    var end = j
                    while end > start, s[end - 1] == "-" { end -= 1 }
                    labels.append((start, end))
                    let dot = Defang.dot(s, j)
                    if end == j, dot > 0, j + dot < s.count, ScalarClass.isAlnum(s[j + dot]) { j += dot } else { j = end; break }
                }
                defer { i = max(j, i + 1) }
                guard labels.count >= 2 else { continue }
                // A top-level label has no hyphen: "mega[.]nz-Speicher",
                // "example.com-based" are a domain glued to a word, so the
                // name ends at the TLD before the hyphen.
                let lastLabel = labels[labels.count - 1]
                if let dash = s[lastLabel.0..<lastLabel.1].firstIndex(of: "-"), dash > lastLabel.0,
                   dash + 1 < lastLabel.1, ScalarClass.isAlnum(s[dash + 1]), !ScalarClass.isASCIIDigit(s[dash + 1]) {
                    var tld = ""
                    for c in s[lastLabel.0..<dash] { tld.unicodeScalars.append(c.isASCII && c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 0x20)! : c) }
                    if Vocabulary.isTLD(tld) { labels[labels.count - 1].1 = dash }
                }
                let end = labels.last!.1
                if labels.allSatisfy({ s[$0.0..<$0.1].allSatisfy(ScalarClass.isASCIIDigit) }) { continue }
                // One capital letter, a dot and capitals is an initialism or
                // a product's name ("O.MG Cable", "I.AM"), not a domain.
                if labels.count == 2, labels[0].1 - labels[0].0 == 1,
                   labels.allSatisfy({ s[$0.0..<$0.1].allSatisfy { $0.value >= 0x41 && $0.value <= 0x5A } }), !tainted(i, end) { continue }
                func name(_ label: (Int, Int)) -> String {
                    var name = String.UnicodeScalarView()
                    for c in s[label.0..<label.1] where !ScalarClass.isIgnorable(c) {
                        name.append(c.isASCII && c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 0x20)! : c)
                    }
                    return String(name)
                }
                let last = name(labels[labels.count - 1])
                let isFile = Vocabulary.fileExtensions.contains(last)
                    && (labels.count == 2 || Vocabulary.fileExtensions.contains(name(labels[labels.count - 2])))
                var kind: Kind?
                if isFile {
                    kind = nil
                } else if Vocabulary.isTLD(last) {
                    kind = .domain
                } else if Vocabulary.internalSuffixes.contains(last) {
                    kind = .host
                } else if tainted(i, end) {
                    kind = .domain
                }
                guard var found = kind else { continue }
                // Glued to a placeholder: the first pass saw a longer last label
                // here, so do what it did (idempotence).
                var after = end
                while after < s.count, ScalarClass.isIgnorable(s[after]) { after += 1 }
                if after < s.count, text.protected[after] { continue }
                var stop = end
                if stop + 1 < s.count, s[stop] == "/" || (s[stop] == ":" && ScalarClass.isASCIIDigit(s[stop + 1])) {
                    let tail = URLDetector.tailEnd(text, stop)
                    if tail > stop + 1 {
                        stop = tail
                        found = .url
                    }
                }
                candidates.append(Candidate(kind: found, start: i, end: stop))
            }
            return i
        }
    }
}
