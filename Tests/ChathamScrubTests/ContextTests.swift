import Testing
@testable import ChathamScrub

/// Rules that read a string's surroundings or shape rather than a list:
/// places the profile does not list (`PlaceDetector`), identifiers known by
/// their shape (`ReferenceDetector`), chat speakers before the time
/// (`SpeakerDetector`) and a found person's initials (`Scrubber.initials`),
/// with the empty profile: hits and the near misses that must be left alone.
@Suite struct ContextTests {
    @Test func streetAddresses() {
        check("am Standort (Hafenstraße 112, Halle 3) lief", [("location", "Hafenstraße 112")])
        check("Lieferung an Kölner Straße 12a.", [("location", "Kölner Straße 12a")])
        check("Büro in der Lindenallee 3-5 geräumt", [("location", "Lindenallee 3-5")])
        check("Filiale Hauptstr. 7 betroffen", [("location", "Hauptstr. 7")])
        check("agence de la banque, 7 rue Voltaire, fermée", [("location", "7 rue Voltaire")])
        check("siège au 12, rue de la Paix depuis", [("location", "12, rue de la Paix")])
        check("bureau au 3 Rue Saint-Honoré, fermé", [("location", "3 Rue Saint-Honoré")])
        check("the branch at 14 Carrick Road was closed", [("location", "14 Carrick Road")])
        check("loja na Rua Augusta, 45 foi afetada", [("location", "Rua Augusta, 45")])
        check("escritório na Av. Paulista 1000 ficou", [("location", "Av. Paulista 1000")])
        // Near misses: no name, a technical word, a count.
        check("Firewall 2 und Monitoring 3 liefen", [])
        check("we saw 3 rue scans and 2 cours de formation", [])
        check("12 Street lamps and 4 Domain Controllers", [])
        check("Arbeitsplatz 12 wurde neu aufgesetzt", [])
        check("Via ScreenConnect 23.9 the attacker moved", [])
    }

    @Test func buildingsRoomsAndSites() {
        check("He sits in room 2.14 of the Kinross Building.", [("location", "Kinross")])
        check("Lagebesprechung in Raum Rhein 3.12 um neun", [("location", "Rhein 3.12")])
        check("PlugX at the Hamamatsu plant spread", [("location", "Hamamatsu")])
        check("a clerk in our Hamamatsu head office took the call", [("location", "Hamamatsu")])
        check("A retail agent at our Trans-Amadi shop was paid", [("location", "Trans-Amadi")])
        check("Don't store dates; Nkem shop owners", [])
        check("Notified Shizuoka prefectural police.", [("location", "Shizuoka")])
        check("Ransomware im Werk Duisburg entdeckt", [("location", "Duisburg")])
        check("l'usine de Tourcoing est à l'arrêt", [("location", "Tourcoing")])
        check("a agência de Setúbal fechou", [("location", "Setúbal")])
        check("done at one franchise outlet in Surulere by one agent", [("location", "Surulere")])
        // Near misses: ordinary words, products, capitals, lower case.
        check("the Main office and the Head office", [])
        check("Kwesi, head of IT, and the Tanaka head count", [("person", "Kwesi"), ("person", "Tanaka")])
        check("capacity building and the leak site", [])
        check("the White House and Companies House", [])
        check("the HQ site was fine", [])
        check("room 2.14 and Raum 3.12", [])
        check("the latest master branch\nSigned-off-by: nobody; our office in Production", [])
    }

    @Test func referencesByShape() {
        check("Anzeige beim LKA unter ST/0412873/2026 erstattet", [("id", "ST/0412873/2026")])
        check("Plainte déposée (PV n° 00412/2026/001873).", [("id", "00412/2026/001873")])
        check("registrado (B.O. 041-00872/2026).", [("id", "041-00872/2026")])
        check("XMRig running as s2291847 (student acct)", [("user", "s2291847")])
        // A short last group after three; a ticket's prefix and a dash; "Az." (Aktenzeichen).
        check("Strafanzeige erstattet, Az. ZAC-2024-0921-17.", [("id", "ZAC-2024-0921-17")])
        check("das Ermittlungsverfahren (Az. LKA-41.3-2024-9087).", [("id", "LKA-41.3-2024-9087")])
        check("problem record PRB-2201 and SIR-7731.", [("id", "PRB-2201"), ("id", "SIR-7731")])
        // Near misses: a date after a prefix, a ticket prefix with a short number.
        check("LOG-2024-09-17 and PRB-22 and INC-123; az 2024 and AZ-104", [])
        // After "procédure n°", "plainte déposée (n°", 受理番号 and 相談番号; a SEC ticket.
        check("Plainte auprès du parquet, procédure n° 25/0412/087.", [("id", "25/0412/087")])
        check("Plainte déposée (n° 24/339/00871).", [("id", "24/339/00871")])
        check("相談済みです（受理番号R7-0342）。相談番号 R6-0709-052", [("id", "R7-0342"), ("id", "R6-0709-052")])
        check("tracked in SEC-4471.", [("id", "SEC-4471")])
        check("Major incident MI-2311-04: the wiki", [("id", "MI-2311-04")])
        check("被害届を提出済み（受理番号第2024-4518号）", [("id", "2024-4518")])
        check("budget line FY-2024-03 and build 10-12", [])
        // Near misses: dates, ranges, CVE and ATT&CK ids, KB numbers, versions, hashes.
        check("between 12/03/2026 and 2024-01-15/2024-02-01", [])
        check("CVE-2024-21762 and T1059.001 and KB5034441", [])
        check("build 2026/1234 and 10.0.19045/2026 and v12.4.1", [])
        check("hash e3b0c44298fc1c149afbf4c8996fb924 and a12345", [])
        check("a367c71 fix flag\nd617870 revert", [])
    }

    @Test func initialsOfFoundPeople() {
        check("Owner: Dr. Rajesh Kumar, with Ms Jane Doe.\n\nRK / JD",
              [("person", "Rajesh Kumar"), ("person", "Jane Doe"), ("person", "RK"), ("person", "JD")])
        check("Abstimmung mit Frau Katrin Hoffmann-Weiß, dann mit KHW.",
              [("person", "Katrin Hoffmann-Weiß"), ("person", "KHW")])
        check("relu par M. Éloïse Marchand\n\nÉM", [("person", "Éloïse Marchand"), ("person", "ÉM")])
        // Near misses: the trade's acronyms, a unit after a number, nobody found.
        check("Dr. Dana Carter said the DC was encrypted", [("person", "Dana Carter")])
        check("Dr. Ken Barnes asked for KB / JD", [("person", "Ken Barnes"), ("person", "KB")])
        check("Dr. Hans Zimmer measured 50 HZ", [("person", "Hans Zimmer")])
        check("RK / JD signed it", [])
        check("Dr. Dana Nolan checked it; the DN has contents and more.\nNext line.", [("person", "Dana Nolan")])
        // Before a note's dash, after a word for initials; in a roster before a role.
        check("Dr Nkechi Obi-Lawson rang. Note: 'NOL – sessions revoked'", [("person", "Nkechi Obi-Lawson"), ("person", "NOL")])
        check("M. Mathieu Rakotomalala a reconnu; ses initiales, MR, figuraient", [("person", "Mathieu Rakotomalala"), ("person", "MR")])
        check("note\nPresent: HW (IG lead), MF-L (CISO), HR business partner", [("person", "HW"), ("person", "MF-L")])
        // Near misses: an acronym in a roster, capitals before brackets outside one, a dash after an acronym.
        check("note\nPresent: HR (people), EDR (vendor)\nThe EDR (CrowdStrike) and HW (old) – fine", [])
        // After a RACI letter; either side of an arrow.
        check("Dr. Rajesh Kumar and Ms Jane Doe.\n- Revocation: R RK, A JD\n- SMS 17:54, RK → JD: call me",
              [("person", "Rajesh Kumar"), ("person", "Jane Doe"), ("person", "RK"), ("person", "JD"), ("person", "RK"), ("person", "JD")])
        // A timeline entry's actor after the time stamp; after "durch".
        check("02:21 Analyst Dr. Emeka Obi isolates the host.\n03:05 EO escalates to SecOps.",
              [("person", "Emeka Obi"), ("person", "EO")])
        check("Frau Katrin Hoffmann-Weiß prüft; Freigabe durch KHW.", [("person", "Katrin Hoffmann-Weiß"), ("person", "KHW")])
        // Near misses: initials of nobody found after a RACI letter or an arrow, an acronym.
        check("- Revocation: R RK, A JD; SMS → WP; Dr. Dana Carter: plan A DC", [("person", "Dana Carter")])
    }

    @Test func speakersBeforeTheTime() {
        check("Helen Whitcombe 07:41: cert errors\nAda 08:10: patched\nyhaddad 09:14 : isolé",
              [("person", "Helen Whitcombe"), ("person", "Ada"), ("user", "yhaddad")])
        // Near misses: one line, ordinary words, days, no colon after the time.
        check("Lagebesprechung 09:00: alle Standorte", [])
        check("Update 09:14: done\nMontag 10:00: weiter\nMon 11:00: more", [])
        check("mwong 07:41 said\nyhaddad 08:10 left", [])
        // Without the colon, a handle with a joiner (Slack copied out).
        check("hanako.sato 09:12 カード会社から連絡\nk-watanabe 09:45 決済画面", [("user", "hanako.sato"), ("user", "k-watanabe")])
        // Near misses: words with a joiner, a single line.
        check("follow-up 09:00 call\ncheck-in 10:00 done", [])
        check("hanako.sato 09:12 カード会社から連絡", [])
    }

    @Test func tenthRoundIdentifiers() {
        // An account name made from a name with diacritics; a number after "PersNr.".
        check("Dr. Wiktoria Zielińska reported it; wzielinska re-enrolled.",
              [("person", "Wiktoria Zielińska"), ("user", "wzielinska")])
        check("Erfasst von Buchhaltung, PersNr. 004417, gesperrt", [("id", "004417")])
        // Near misses: a compound that numbers a thing, not a person.
        check("Versionsnr. 2.4.1 und Portnummer 4444", [])
    }

    @Test func eleventhRound() {
        // Rooms and buildings named, without a number.
        check("Room: Cairngorm Room, level 2", [("location", "Cairngorm")])
        check("Protokoll, Raum „Rheinblick“, Verwaltungsgebäude B\nweiter", [("location", "Rheinblick"), ("location", "Verwaltungsgebäude B")])
        check("reunião na Sala Guarapuvu hoje", [("location", "Guarapuvu")])
        check("the Server Room and Gebäude 3 and Hauptgebäude des Werks", [])
        // Initials in brackets before a colon, after a greeting line, before a verb of saying.
        check("Dr. Marcus Ferreira-Lowe chaired.\nAction (MFL): rotate keys.\nMore text follows here.",
              [("person", "Marcus Ferreira-Lowe"), ("person", "MFL")])
        check("Dr. Adaeze Nwosu checked. AN confirmed no errors.", [("person", "Adaeze Nwosu"), ("person", "AN")])
        check("Herr Jürgen Schäfer prüft.\nGruß\nJS\nmehr Text folgt hier später.", [("person", "Jürgen Schäfer"), ("person", "JS")])
        // A firm's register number; an account name from a dotless ı.
        check("Firm: FRN 204519, initial report", [("id", "204519")])
        check("Frau Özlem Yıldız meldet: oyildiz klickte.", [("person", "Özlem Yıldız"), ("user", "oyildiz")])
        // A signature after a dash near the end; near misses.
        check("Report follows.\nAll fixed now.\n\n-- Tomek", [("person", "Tomek")])
        check("Report follows.\nAll fixed now.\n\n-- Sent from my phone\n\u{2014} Note: see above", [])
    }
}
