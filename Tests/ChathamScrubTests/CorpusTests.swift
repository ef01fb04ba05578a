import Foundation
import Testing
@testable import ChathamScrub

/// The labelled corpus (Tests/Fixtures/scrub) as a regression floor: the
/// targets of issue 3 must hold, every case must be idempotent, and the
/// corpus must keep its size and spread.
@Suite struct CorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/scrub").standardizedFileURL

    @Test func corpusMeetsTargets() throws {
        let corpus = try ScrubCorpus.load(directory: Self.directory)
        #expect(corpus.cases.count >= 540)
        #expect(Set(corpus.cases.map(\.language)) == ["en", "de", "fr", "ja", "pt", "zh", "ko"])
        // Per file set: (identifying, leaked, facts, lost).
        var tally: [String: (Int, Int, Int, Int)] = [:]
        var scrubbers: [String: Scrubber] = [:]
        for (name, profile) in corpus.profiles { scrubbers[name] = Scrubber(profile: profile) }
        for c in corpus.cases {
            let scrubber = scrubbers[c.profile]!
            let out = scrubber.scrub(c.text).text
            #expect(scrubber.scrub(out).text == out, "not idempotent: \(c.file):\(c.line)")
            let o = ScrubCorpus.score(c, scrubbed: out)
            var t = tally[c.set, default: (0, 0, 0, 0)]
            t.0 += c.identifying.count; t.1 += o.leaked.count; t.2 += c.keep.count; t.3 += o.lost.count
            tally[c.set] = t
        }
        #expect(Set(tally.keys) == Set(ScrubCorpus.sets))
        // The short cases, written with the detectors: issue 3's corpus targets.
        let cases = tally["cases", default: (0, 0, 0, 0)]
        #expect(cases.0 >= 300 && cases.2 >= 200)
        #expect(Double(cases.1) <= 0.01 * Double(cases.0), "cases leaked \(cases.1)/\(cases.0)")
        #expect(Double(cases.3) <= 0.03 * Double(cases.2), "cases lost \(cases.3)/\(cases.2)")
        // The blind narratives (written before the scrubber ran on them, then
        // fixed by general rules): at least the held-out targets.
        for set in ["narratives", "narratives2"] {
            let t = tally[set, default: (0, 0, 0, 0)]
            #expect(t.0 >= 140 && t.2 >= 100, "\(set) shrank")
            #expect(Double(t.1) <= 0.02 * Double(t.0), "\(set) leaked \(t.1)/\(t.0)")
            #expect(Double(t.3) <= 0.05 * Double(t.2), "\(set) lost \(t.3)/\(t.2)")
        }
        // The later blind rounds, each written after the previous round's
        // fixes (first-sight scores in docs/scrubbing.md), at most where
        // they stand after their own fixes: (set, identifying and facts at
        // least, leaks at most).
        //  3: 9 narratives; a name with no cue at all ("Olamide to Radomir").
        //  4: 20, another author; a wallet address, a term's first word alone,
        //     a name with no cue in French text.
        //  5: 30, another author, many names with no cue; places the profile
        //     does not list, names outside the lexicons, some references.
        //  6: 25; a reference with an authority's prefix.
        //  7: 25; a Japanese surname alone in a sign-off.
        //  8: 24, half of them German, French and Portuguese; a misspelt
        //     member name ("Glenmor"), a town, references after words no
        //     rule knows ("Az.", "BO").
        //  9: 24; suppliers' company names, a town, a signature's code.
        // 10: 25, 12 of them German, French and Portuguese; none left after
        //     its fixes (initials, addresses, speakers before the time …).
        // 11: 20, written after round 10's fixes; names that are words
        //     ("Sunny", "Winter", "Sonnenschein"), a nickname ("Chi"), a
        //     vendor account, a problem record.
        // 12: 25 natural narratives (no puzzles asked for), written after
        //     round 11's fixes: 2/241 at first sight (a user name after
        //     "reported by", a one-letter ticket reference).
        // 13: 25 natural narratives in five languages, five of them
        //     Japanese: 6/281 at first sight (Japanese names without an
        //     honorific, user names listed with handles).
        // 14: 25 natural narratives at the held-out density, written after
        //     round 13's fixes: 6/161 at first sight (a Japanese surname
        //     after a label's or a chat line's colon, dotted and
        //     underscored accounts in brackets or after "-konto").
        // 15: 30 natural narratives across twelve kinds of incident: 3/178
        //     at first sight (an account in brackets after "login", an IBAN
        //     after "IBAN para" with a bad check digit, a bank account in
        //     full-width brackets); one left ("tadewale": no lexicon name).
        // 16: 25 natural narratives, five languages alike: 3/147 (an account
        //     after "login (", one after "conta local", a Japanese surname
        //     in quotes).
        // 17: 25 natural narratives (minutes, chats, hand-overs, claim
        //     notes): 4/162 and one count lost at first sight (an account
        //     after "Benutzerkennung:", one after Portuguese "o", a Japanese
        //     surname introducing its writer; "comptes de 212 courtiers").
        // 18: 25 semi-structured narratives (report templates, pasted
        //     alerts, mail headers, call logs): 9/148 at first sight; three
        //     are suppliers' company names, which no rule removes (policy,
        //     docs/scrubbing.md), the rest a handle "on GitHub", "IR-0931",
        //     "Agent: Holly", an employee number answered on the next line,
        //     a Japanese surname carried forward from the full name.
        // 19: 25 natural narratives (regulator forms, shift logs, chats):
        //     6/163 and one product lost at first sight (a user name after
        //     "user is", a storage container's name, a first name carried
        //     from a mailbox, a guard's name after his role, an account
        //     after アカウント, a surname after "担当の"; "O.MG Cable" read
        //     as a domain).
        // 20: 25 natural narratives by sector: 1/157 at first sight (a
        //     foreign name in katakana).
        // 21: 25 terse practitioners' notes (bridge minutes, comment
        //     histories, night-shift hand-overs): 8/148 at first sight
        //     (initials as an action's owner, a dash signature, a name after
        //     "rang", an account after "Kommentar", a carrier's company
        //     name, account numbers after "conta de destino" and
        //     "口座番号は", "以上、中村"); "DO'D" and the carrier stay.
        // 22: 25 free-text parts of incident reports: 2/129 ("it's Dave",
        //     "営業部の田中健一が").
        // 23: 20 natural narratives: 1/144 (a name after a plural role and
        //     a comma). 24: 20 write-ups with what worked: 2/108 (a storage
        //     account's name after a comma; an MSP's company name, left).
        // 25: 22 chat and ticket pastes, tables, timelines, HR notes, notes
        //     to people: 15/136 at first sight (a table's user column,
        //     nicknames in quotes, roster initials, "Sato-san", "tunde.b",
        //     "Atribuído a:", two suppliers' company names); "Deb from
        //     Claims" stays.
        // 26: 22 lessons learned, labelled forms, mail threads, third
        //     parties: 16/173 (ten third parties' company names, initials
        //     after a dash and after "initiales,", an account in brackets
        //     after a role or a person, "14 Station Parade", a town after a
        //     listed one, "Setúbal e Palmela").
        // 27: 24 plain-prose reports for an ISAC's form: 3/124 at first
        //     sight (an account joined by "_", an unlisted district after
        //     "outlet in", a supplier with ", Lda."). 28: 24 timelines,
        //     ticket notes, post-mortems with owners, fiches, Meldungen:
        //     7/165 (a last dash's name, an owner's account, initials
        //     before "confirms", a street without a number, accounts after
        //     a dash and after "collègue du back-office (").
        // 29: 24 ISAC forms, partner mails, hand-overs, tickets, chats,
        //     CSV and pipe tables: 10/166 at first sight (nine third
        //     parties named without a comma, after what they do or with a
        //     company word — "our TPA Verity Claims Solutions",
        //     "Northamptonshire Police", 保守ベンダー…, 静岡県警 — and
        //     initials in a RACI list); "ZAC NRW" and the initials "AD"
        //     (an acronym) stay. 30: 24 headed reports, mail threads,
        //     Slack exports, ticket histories, notifications to authorities:
        //     22/183 (eight third parties, Slack handles without a colon, a
        //     CSV user column, initials by an arrow, a speaker's team in
        //     brackets, a Chinese name with さん, "Az." and a short last
        //     group); "Dec", "emre", "KesHR", "Domainhafen" and a store's
        //     name in kana stay.
        // 31: 24 free-text reports, some by non-native English writers:
        //     16/138 at first sight (eleven third parties — "from Meridale
        //     Software" and "Meridale" alone, "Hagedorn
        //     Elektrogroßhandel", "our system integrator Hydrotec
        //     Automation", 取引先の中部精工 — and references after "procédure
        //     n°", 受理番号 and a SEC ticket); "Hamamatsu", "NRW",
        //     北陸ダイカスト and ミナトクラウド stay. 32: 24 board summaries,
        //     near misses, insurer statements, notes to partners: 13/150
        //     (nine third parties — "Alpnet AG", "Dienstleisters Hessler
        //     Automation", "Studio Ndiaye & Associés" — a complaint's number,
        //     相談番号); "Ward 14", "Halle 3", "Beazley" in a title,
        //     "Securiparque" and "JR東海" stay.
        // 33: 24 narratives where several people act, each named several
        //     ways: 18/225 at first sight (a given name that is a word
        //     before a surname found, "Grace Bishop"; initials as a
        //     timeline entry's actor, "03:05 EO escalates", and after
        //     "durch"; a Chinese surname with さん after the full name; a
        //     katakana name joined by "・"; "Disponent Oleksandr Kovalenko";
        //     three third parties); "Ada" for Adaeze, "Kasia", the initials
        //     "ML" and "AD" (acronyms), 金秀珍 and 東海テクノサービス in a
        //     list of attendees stay. 34: 24 fact-dense SOC reports (233
        //     facts): 3/115 and no fact lost ("Charter Oak Managed Security
        //     (our MDR)", "Major incident MI-2311-04", 保守業者…).
        // 35: 24 ordinary weekly reports at a typical density: 4/141 and
        //     2/170 facts lost at first sight ("Cleo Harmony" after a CVE id
        //     read as a person — the keep vocabulary has Cleo's products
        //     now; a carrier after "our upstream,", a supplier in Latin
        //     letters after 仕入先); "ZAC NRW" and "Campinas" stay. 36: 24
        //     mostly German, French and Portuguese reports to CERTs: 6/152
        //     (Chinese and Korean names written with a space in Japanese,
        //     "受理番号第…号", "株式会社ペイロールサポート東海"); "CRI-2024-07"
        //     (a year and a month, by its shape) stays.
        // 37: 24 everyday reports across twelve sectors: 10/123 at first
        //     sight, eight of them third parties (a company before
        //     株式会社, 取引先の…パーツ, German compounds on -service, a
        //     Portuguese MSSP, "operador NOS Empresas"); "Station Parade",
        //     "HPD 25-018842", "Rack Centre Lagos", "Sentinel Forensics
        //     Abuja" (a place after the company word) and "TÜV Nord" stay.
        //     38: 24 closed incidents with what worked and what did not:
        //     5/150 (an English word for a third party after a German or
        //     Portuguese article, "IT-Dienstleisters Rhein-Ruhr Systemhaus",
        //     a bank before 銀行); a Japanese name after "経理課長の" stays.
        // 39: 20 ordinary reports: 7/112 at first sight (a dealer's and a
        //     contractor's company, a shop's place); "DATIX W118823",
        //     "LKA NRW", "à Tours", a Japanese name after "本社の" stay.
        //     40: 20 platform form entries with labelled fields: 5/106 (a
        //     legal form after words of the dictionary, "Harrow & Finch
        //     Supplies Ltd", "from Quillon Digital"); a Chinese company with
        //     its city in brackets and a katakana name after a role stay.
        // Third parties' company names are found since round 26
        // (`CompanyDetector`), so rounds 9, 18, 21 and 24 leak fewer; round
        // 8's police references after "Az." and round 9's "SIR-7731" are
        // found since rounds 30–32.
        let later: [(set: String, ids: Int, facts: Int, leaks: Int)] = [
            ("narratives3", 46, 34, 1), ("narratives4", 146, 92, 3), ("narratives5", 264, 154, 5),
            ("narratives6", 239, 145, 1), ("narratives7", 262, 189, 0), ("narratives8", 342, 231, 3),
            ("narratives9", 284, 185, 1), ("narratives10", 383, 171, 0), ("narratives11", 249, 115, 4),
            ("narratives12", 241, 148, 0), ("narratives13", 281, 124, 0), ("narratives14", 161, 150, 0),
            ("narratives15", 178, 169, 1), ("narratives16", 147, 152, 0), ("narratives17", 162, 148, 0),
            ("narratives18", 148, 150, 0), ("narratives19", 163, 149, 0), ("narratives20", 157, 170, 0),
            ("narratives21", 148, 150, 1), ("narratives22", 129, 156, 0),
            ("narratives23", 144, 98, 0), ("narratives24", 108, 105, 0),
            ("narratives25", 136, 106, 1), ("narratives26", 173, 117, 0),
            ("narratives27", 124, 120, 0), ("narratives28", 165, 130, 0),
            ("narratives29", 166, 114, 2), ("narratives30", 183, 105, 5),
            ("narratives31", 138, 122, 3), ("narratives32", 150, 120, 5),
            ("narratives33", 225, 95, 7), ("narratives34", 115, 233, 0),
            ("narratives35", 141, 170, 2), ("narratives36", 152, 116, 1),
            ("narratives37", 123, 153, 5), ("narratives38", 150, 133, 1),
            ("narratives39", 112, 128, 4), ("narratives40", 106, 130, 2),
        ]
        for round in later {
            let t = tally[round.set, default: (0, 0, 0, 0)]
            #expect(t.0 >= round.ids && t.2 >= round.facts, "\(round.set) shrank")
            #expect(t.1 <= round.leaks, "\(round.set) leaked \(t.1)/\(t.0)")
            #expect(Double(t.3) <= 0.05 * Double(t.2), "\(round.set) lost \(t.3)/\(t.2)")
        }
    }

    @Test func scorerCountsFoldedLeaks() {
        let c = ScrubCorpus.Case(file: "t", line: 1, language: "en", category: "t", profile: "p",
                                 text: "", identifying: ["Acme Bank", "Cobalt"], keep: ["Cobalt Strike", "3 days"])
        let o = ScrubCorpus.score(c, scrubbed: "ACME-BANK used Cobalt Strike for 3 days")
        #expect(o.leaked == ["Acme Bank"])
        #expect(o.lost.isEmpty)
        #expect(ScrubCorpus.score(c, scrubbed: "[ORG-1] used [TERM-1]").lost == ["3 days", "Cobalt Strike"])
    }
}
