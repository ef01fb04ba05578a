import Testing
@testable import ChathamScrub

/// The identifier, phone and people detectors: hits and near-misses.
@Suite struct IdentifierTests {
    @Test func phones() {
        check("call +44 20 7946 0958 now", [("phone", "+44 20 7946 0958")])
        check("call +1 (415) 555-0132.", [("phone", "+1 (415) 555-0132")])
        check("ring 020 7946 0321 or 03-1234-5678", [("phone", "020 7946 0321"), ("phone", "03-1234-5678")])
        check("Caller ID (212) 555-0187", [("phone", "(212) 555-0187")])
        check("tel 01 45 67 89 10", [("phone", "01 45 67 89 10")])
        check("Tel. +49 (0)2131 7702-415 und +49 (0)30 1234567", [("phone", "+49 (0)2131 7702-415"), ("phone", "+49 (0)30 1234567")])
        // An area code in brackets, outside North America too.
        check("do número (11) 98765-4321 e", [("phone", "(11) 98765-4321")])
        check("Tel. (0203) 44712290 oder (020) 7946 0321", [("phone", "(0203) 44712290"), ("phone", "(020) 7946 0321")])
        // Near-misses: a year or a count in brackets, short groups.
        check("in (2024) 10 000 hosts and (12) 345 files, (3) 1234 5678", [])
        check("see (2023) 4821 9912 and (11) 98 76", [])
        // Near-misses: dates, times, counts, versions, CVE numbers.
        check("on 2026-10-14 at 09:40 we saw 1,450 hosts", [])
        check("version 9.8.4 and build 7.0.1", [])
        check("CVE-2023-23397 was used", [])
        check("between 10 and 20 000 records", [])
    }

    @Test func macIbanGuid() {
        check("MAC 00:1A:2B:3C:4D:5E and 0050.56a3.1b2c", [("id", "00:1A:2B:3C:4D:5E"), ("id", "0050.56a3.1b2c")])
        check("to GB82 WEST 1234 5698 7654 32 today", [("id", "GB82 WEST 1234 5698 7654 32")])
        check("to DE89370400440532013000.", [("id", "DE89370400440532013000")])
        check("tenant 72f988bf-86f1-41af-91ab-2d7cd011db47", [("id", "72f988bf-86f1-41af-91ab-2d7cd011db47")])
        // A domain account's SID; well-known SIDs stay.
        check("SID S-1-5-21-3623811015-3361044348-30300820-1013 and S-1-5-18, S-1-5-32-544",
              [("id", "S-1-5-21-3623811015-3361044348-30300820-1013")])
        // Near-misses: an IBAN with a wrong check digit, a short hex run.
        check("to GB83 WEST 1234 5698 7654 32 today", [])
        check("hash deadbeef-1234 seen", [])
    }

    @Test func accounts() {
        check("AWS account 123456789012 was used", [("id", "123456789012")])
        check("logged in as CORP\\jdoe then", [("user", "CORP\\jdoe")])
        check("user j.doe and tmorgan2 and adm-rkumar", [("user", "j.doe"), ("user", "tmorgan2"), ("user", "adm-rkumar")])
        check("Badge #7731 and staff no. 88213", [("id", "7731"), ("id", "88213")])
        // German "-nummer" compounds announce an identifier, unless technical.
        check("Ausweisnummer A-7731 und Versichertennummer 4471123", [("id", "A-7731"), ("id", "4471123")])
        check("die SERIENNUMMER: FGT60F1234", [("id", "FGT60F1234")])
        check("Portnummer 4444, Versionsnummer 7.2.4, Ereignisnummer 4625", [])
        check("eine Nummer 4444 und Summer 2024", [])
        check("ticket INC0012345 opened", [("id", "INC0012345")])
        // Near-misses.
        check("C:\\Windows\\System32 and NT AUTHORITY\\SYSTEM", [])
        check("python3 and windows10 and invoice.pdf", [])
        check("rundll32 loaded it via regsvr32 and advapi32", [])
        check("user rundle32 logged in", [("user", "rundle32")])
        check("the account for 312 users", [])
        // Bank details and extensions in a form's words; numbers listed after a keyword.
        check("ext. 4471 and NIB 0035 0651 00012345678 91", [("id", "4471"), ("id", "0035 0651 00012345678 91")])
        check("staff numbers NGH004471 and NGH004488 were used", [("id", "NGH004471"), ("id", "NGH004488")])
        check("Konten 1234567, 7654321 und 1112223 gesperrt", [("id", "1234567"), ("id", "7654321"), ("id", "1112223")])
        check("account 83920145 and 3 more hosts", [("id", "83920145")])
        // Keywords that also number technical things need four digits.
        check("firewall policy 127 and policy 00918273", [("id", "00918273")])
        // A bare long number is an account or card number ...
        check("the fraudster gave only 41028893 and 4111111111111111.", [("id", "41028893"), ("id", "4111111111111111")])
        // ... not a date, an amount, a grouped count or a size.
        check("on 20261014, 2147483648 bytes, $12345678, 1,204,000 and 3.14159265", [])
    }

    @Test func namedHosts() {
        check("reached FIN-SRV-042 and dub-sql-clm02", [("host", "FIN-SRV-042"), ("host", "dub-sql-clm02")])
        check("LDN-DC01 replicated", [("host", "LDN-DC01")])
        // One-part names with a zero-padded number and no role word.
        check("hosts NGHTHEATRE03 and atlas007 beaconed", [("host", "NGHTHEATRE03"), ("host", "atlas007")])
        // Near-misses: versions, ATT&CK ids, months, document words.
        check("on ESX7 and ESXi8, TA0001, JAN01, PHASE01, DAY02, RFC0791, APT28", [])
        check("esx01 and ESX12 are hosts", [("host", "esx01"), ("host", "ESX12")])
        // Hardware models after the vendor or product family are kept ...
        check("Juniper MX204 and the mx01 relay; Hikvision DS-2CD2143G2-I; Cisco ASR1001-X", [("host", "mx01")])
        check("Cisco Nexus 9336C-FX2 and Catalyst C9300-48P-E and ProLiant DL380-G10", [])
        check("a Cisco ISR-4331-K9 at the branch", [])
        // ... but a host after a product word is still a host.
        check("the FortiGate FW-LDN-01 and Cisco LDN-RTR-02", [("host", "FW-LDN-01"), ("host", "LDN-RTR-02")])
        check("core switch 9336C-FX2 and C9300-48P-E", [("host", "9336C-FX2"), ("host", "C9300-48P-E")])
        // Near-misses: ciphers, standards, actor ids, lists.
        check("AES-128-GCM, SHA-256, Storm-0558, top-10-list, MS17-010", [])
    }

    @Test func people() {
        check("Our CISO Maria Fernandez called", [("person", "Maria Fernandez")])
        check("Dr. Kwame Mensah imaged disks", [("person", "Kwame Mensah")])
        check("analyst Li Wei found it", [("person", "Li Wei")])
        let text = "Contractor Tomasz Nowak reused it; later Tomasz admitted it and Mr Nowak resigned."
        check(text, [("person", "Tomasz Nowak"), ("person", "Tomasz"), ("person", "Nowak")])
        check("情報システム部の鈴木一郎さんが発見した。", [("person", "鈴木一郎")])
    }

    @Test func titlesAndRoles() {
        check("Sister Oyelaran raised it", [("person", "Oyelaran")])
        check("Our agent Teodoro Villanueva recognised it", [("person", "Teodoro Villanueva")])
        check("mit Frau Dr. Weber, Herrn Meier und Prof. Dr. Lindner", [("person", "Weber"), ("person", "Meier"), ("person", "Lindner")])
        check("Notre RSSI Gwenaëlle Le Bihan", [("person", "Gwenaëlle Le Bihan")])
        check("A analista Maria do Carmo Sousa", [("person", "Maria do Carmo Sousa")])
        // Near-misses: "Agent Tesla" is malware; a role before a plain word.
        check("the agent Agent Tesla and the user Accounts", [])
    }

    @Test func userNamesAfterUserWords() {
        check("o utilizador rcardoso recebeu e o user mwong", [("user", "rcardoso"), ("user", "mwong")])
        // Near-misses: words after "user", "account", "Konto".
        check("the user clicked, the account tried, user prompts, Konto gesperrt, o utilizador abriu", [])
    }

    @Test func peopleByContext() {
        check("Recipient Gwenda Oosthuizen opened it", [("person", "Gwenda Oosthuizen")])
        check("Please ping Radko Vasilev on the bridge; contact Legal first", [("person", "Radko Vasilev")])
        check("Cathal (our network lead) and Ruairi from the MSP agreed", [("person", "Cathal"), ("person", "Ruairi")])
        check("Tadhg and Bartek from the network team", [("person", "Tadhg"), ("person", "Bartek")])
        // Near-misses: a single word before a comma and a role, a capitalised
        // word at a sentence start before "from the", a tool in brackets.
        check("Impact, the attacker left. Traffic from the C2 stopped. Splunk (our SIEM) saw it.", [])
        check("we used AnyDesk from the jump host and Rclone from our share", [])
        check("the logs and Zoho from our tenant and Traffic from the C2", [])
    }

    @Test func peopleWithoutTitle() {
        // A single word listed with a single found word, then its full name.
        check("Volodymyr and Keisha from the red team. Volodymyr Shevchenko says no; Keisha Campbell-Watts will retest.",
              [("person", "Volodymyr"), ("person", "Keisha"), ("person", "Volodymyr Shevchenko"), ("person", "Keisha Campbell-Watts")])
        // A full name in a list with a person found is a person too.
        check("Present: Orsolya Kertész, Rui Costa and Tadeusz Wrona.",
              [("person", "Orsolya Kertész"), ("person", "Rui Costa"), ("person", "Tadeusz Wrona")])
        check("Anwesend Orsolya Kertész und Anna Roth", [("person", "Orsolya Kertész"), ("person", "Anna Roth")])
        // A given name right before a found name joins it, even one that is
        // a word, and comes back alone; a German role before a name.
        check("On Tuesday Grace Okonkwo queried it. Grace rang. Ms Okonkwo called.",
              [("person", "Grace Okonkwo"), ("person", "Grace"), ("person", "Okonkwo")])
        check("06:40 Disponent Oleksandr Kovalenko meldet den Verlust", [("person", "Oleksandr Kovalenko")])
        // Near misses: a given name that is a word at a sentence's start or before a word.
        check("Grace period over. Ms Okonkwo called; by the Grace of Okonkwo", [("person", "Okonkwo"), ("person", "Okonkwo")])
        // Near-misses: a lone capitalised word, keep vocabulary, teams.
        check("Rui Costa, Legal and Finance", [("person", "Rui Costa")])
        check("Rui Costa saw Cobalt Strike and Brute Ratel", [("person", "Rui Costa")])
        // Hyphenated given names with a part in the lexicon.
        check("Jean-Baptiste Moreau confirme", [("person", "Jean-Baptiste Moreau")])
        check("with Mei-Ling Chen; later Mei-Ling left", [("person", "Mei-Ling Chen"), ("person", "Mei-Ling")])
        check("am Rhein-Main Flughafen und in Baden-Württemberg", [])
        // Greetings and sign-offs.
        check("Hi Ifeyinwa, please call.", [("person", "Ifeyinwa")])
        check("Regards,\nOrsolya Kertész", [("person", "Orsolya Kertész")])
        check("Hi all, thanks. Liebe Grüße. Best Practices", [])
        // A name before an e-mail address or a verb of saying.
        check("From: Orsolya Kertész <ok@example.org>", [("person", "Orsolya Kertész"), ("email", "ok@example.org")])
        check("Tadeusz Wrona confirmed the block.", [("person", "Tadeusz Wrona")])
        check("Threat actors confirmed it. Incident Response confirmed.", [])
        check("山田部長は連絡した。", [("person", "山田")])
        // Near-misses: tools, actors, products and months are not people.
        check("Agent Tesla and Volt Typhoon hit Microsoft Exchange in May", [])
        check("The Reading Room and March reports", [])
    }

    @Test func lookAlikes() {
        let acme = designScrubber
        for variant in ["Acmeb4nk", "4CME B4NK", "Acm3 Bank", "Аcme Bank" /* Cyrillic А */, "ACME B@NK"] {
            let out = acme.scrub("The lure said \(variant) today").text
            #expect(!out.contains(variant), "\(variant) → \(out)")
        }
        // Short entries take no look-alikes: "AFG" must not eat "4FG" or "AFC".
        #expect(acme.scrub("part 4FG and AFC").findings.isEmpty)
        // Entries match inside words only at a part boundary.
        let reading = Scrubber(profile: MemberProfile(locations: ["Reading"]))
        #expect(reading.scrub("proofreading done").findings.isEmpty)
        #expect(reading.scrub("MyReading office").text == "[LOCATION-1] office")
    }

    @Test func numberedPlaceholders() {
        let out = numberedScrubber.scrub("Jane Doe mailed Rajesh Kumar; Jane Doe then called Rajesh.").text
        #expect(out == "[PERSON-1] mailed [PERSON-2]; [PERSON-1] then called [PERSON-2].")
        #expect(numberedScrubber.scrub(out).text == out)
    }
}

/// Detection gaps closed later: one-part host names, names in Chinese and
/// Korean script, names followed by a role.
@Suite struct LaterDetectorTests {
    @Test func singlePartHosts() {
        check("reached DC01, FS02 and SQLPROD3", [("host", "DC01"), ("host", "FS02"), ("host", "SQLPROD3")])
        check("from wks0142 to exch01 via LDNDC04", [("host", "wks0142"), ("host", "exch01"), ("host", "LDNDC04")])
        // Near-misses: versions, years, hashes, actors, mixed case, ATT&CK ids.
        check("SQL2019 on WS2012 with SHA256, AES256, Web3, FIN7, APT28 and T1059", [])
        check("SYSMON64 and WIN32 and HTTP2", [])
    }

    @Test func chineseNames() {
        check("王伟先生发现了勒索软件", [("person", "王伟")])
        check("安全团队的张经理批准了", [("person", "张")])
        check("欧阳娜娜女士报告了", [("person", "欧阳娜娜")])
        // Near-misses: a surname character inside a word before a title.
        check("高级工程师发现了", [])
        check("我们的服务器", [])
        // In Japanese text, with a Japanese honorific; not inside a word,
        // not with a kanji of a company or an office.
        check("生産技術課の王磊さん（社員番号）が", [("person", "王磊")])
        check("工程师さんと皆さん、林業さん", [])
        // Its surname alone later, with さん only; a foreign name in katakana joined by "・".
        check("当番の李偉さんから連絡。翌朝、李さんが受け取り、李が確認", [("person", "李偉"), ("person", "李")])
        check("開いたのはグエン・ヴァン・ミンさんで", [("person", "グエン・ヴァン・ミン")])
        // Written with a space: before an honorific, a bracket or punctuation; not before more kanji.
        check("夜勤の金 成浩さんが確認。担当 朴 志勲（内線）", [("person", "金 成浩"), ("person", "朴 志勲")])
        check("高 性能なサーバと李 部長", [])
    }

    @Test func koreanNames() {
        check("김민준 씨가 발견했습니다", [("person", "김민준")])
        check("이서연님이 보고했습니다", [("person", "이서연")])
        check("보안팀 최 팀장은", [("person", "최")])
        // Near-misses: a surname syllable glued to a title is a word; no title, no name.
        check("정부장관 회의", [])
        check("김치를 먹었습니다", [])
    }

    @Test func namesBeforeARole() {
        check("Okonkwo Adeyemi, our CISO, called", [("person", "Okonkwo Adeyemi")])
        check("Dariusz Kaczmarek (contractor) left", [("person", "Dariusz Kaczmarek")])
        check("Henrike Vogelsang, unsere Analystin, fand es", [("person", "Henrike Vogelsang")])
        check("forwarded by Bronagh Teague, the SOC lead, at noon", [("person", "Bronagh Teague")])
        // Near-misses: one capitalised word, tool and actor names, no role.
        check("Yesterday, our analyst found it", [])
        check("Scattered Spider, the actor, and Cobalt Strike, the tool", [])
        check("Incident Response, our office in town", [])
    }
}

extension LaterDetectorTests {
    @Test func romanisedEastAsianNames() {
        let result = emptyScrubber.scrub("Contact Kim Min-jun; Park Ji-hoon escalated.")
        #expect(covered("Contact Kim Min-jun; Park Ji-hoon escalated.", result) == ["Kim Min-jun", "Park Ji-hoon"])
        // Near-misses: an English word before a hyphenated word, tactic names before a role.
        #expect(emptyScrubber.scrub("So Pre-auth checks failed; Lateral Movement, the operator said.").findings.isEmpty)
    }
}

extension LaterDetectorTests {
    /// Names no list holds and no cue announces, told from capitalised
    /// ordinary words by the English dictionary (`EnglishWords`).
    @Test func uncommonNamesInEnglishText() {
        check("Sanjeev Bhattacharya will rotate the keys tonight", [("person", "Sanjeev Bhattacharya")])
        check("The handover went to Radomir Vasiliev at 09:00", [("person", "Radomir Vasiliev")])
        check("Okonkwo Adeyemi, our office in town", [("person", "Okonkwo Adeyemi")])
        check("it was escalated to Ruairi McAllister by the desk", [("person", "Ruairi McAllister")])
        check("later Thandiwe Pryce-Jones closed it", [("person", "Thandiwe Pryce-Jones")])
        // Carried forward: the first name alone, later.
        check("Gwendolyn Achterberg opened the mail. Then Achterberg called the desk.",
              [("person", "Gwendolyn Achterberg"), ("person", "Achterberg")])
        // Near-misses: ordinary words, products and teams, brand spellings,
        // companies, dates, a single unknown word, and German text.
        check("Incident Response and Threat Hunting teams met with Cobalt Strike in mind", [])
        check("the Volt Typhoon activity and Scattered Spider were discussed", [])
        check("the FortiGate and NetScaler appliances were patched by the team", [])
        // A company is no person (`CompanyDetector` takes it as an organisation).
        check("the contract with Northgateway Ltd was paused", [("org", "Northgateway Ltd")])
        check("it was logged on Tue Jun 3 at the desk", [])
        check("Jun Li saw it on Jun 3", [("person", "Jun Li"), ("person", "Jun")])
        check("the follow-up call with Follow-Up Desk was held", [])
        check("the Zerologon attempt was blocked", [])
        check("Die Firewall Logs wurden von der Betriebsleitung Rheinfeld geprüft und archiviert", [])
    }
}

extension LaterDetectorTests {
    /// Case, claim, police and ticket references with a letter prefix.
    @Test func prefixedReferences() {
        check("police reference NFIB-26-0471193 was issued", [("id", "NFIB-26-0471193")])
        check("Ticket interne GLPI-77821 ouvert", [("id", "GLPI-77821")])
        check("for claim BC-2026-008812 today", [("id", "BC-2026-008812")])
        check("incident logged on Datix W-118734 today", [("id", "W-118734")])
        check("a mudança do IBAN para PT50 0033 0000 4571 3890 2210 5 foi pedida", [("id", "PT50 0033 0000 4571 3890 2210")])
        check("送金先は香港の銀行口座（012-883-4471926）でした", [("id", "012-883-4471926")])
        // Near-misses: advisories and standards, short numbers, one letter,
        // algorithm names, the keep list's CVE ids.
        check("see ZDI-24-12345, VMSA-2021-0028 and ISO-27001 and RFC-1918", [])
        check("SHA-256, AES-256, RSA-4096, UTF-16 and X-12345 and CWE-1234", [])
        check("SIDs S-1-5-32-544 and S-1-5-18, the T-1000 and a Boeing 737-800", [])
        check("exploited CVE-2023-23397 on day one", [])
        // One zero-padded group of four is a sequence number.
        check("INCIDENT REPORT – IR-0931\nReported by", [("id", "IR-0931")])
        check("SHA-1024 and ISO-0001 and AB-1234 and X-0123", [])
    }
}

extension LaterDetectorTests {
    @Test func prefixedAccountsAndAccessKeys() {
        check("nutzte das Konto adm.kschmidt gestern", [("user", "adm.kschmidt")])
        check("com a conta ext.fsantos do fornecedor", [("user", "ext.fsantos")])
        check("access key AKIAIOSFODNN7EXAMPLE for the account", [("id", "AKIAIOSFODNN7EXAMPLE")])
        // Near-misses: files and domains after a prefix word, short tails,
        // a key-like word of the wrong length.
        check("ran test.log and ops.example.com and admin.php and ext.js", [("domain", "ops.example.com")])
        check("AKIA1234 and AKIAIOSFODNN7EXAMPLEX", [])
    }
}

extension LaterDetectorTests {
    /// What was found once by its context goes wherever else it stands.
    @Test func foundIdentifiersGoEverywhere() {
        let scrubber = Scrubber(profile: MemberProfile())
        let text = "user hmartinez signed in; log: user=hmartinez src=lab, then xhmartinez stayed"
        #expect(scrubber.scrub(text).text == "user [ID-1] signed in; log: user=[ID-1] src=lab, then xhmartinez stayed")
        // Idempotent, and short finds (under five scalars) are not echoed.
        #expect(scrubber.scrub(scrubber.scrub(text).text).text == scrubber.scrub(text).text)
        #expect(scrubber.scrub("reached DC01; DC01 again, and DC01-old").text == "reached [HOST-1]; [HOST-1] again, and [HOST-2]")
    }
}

extension LaterDetectorTests {
    /// Given names and surnames of the generated lexicon (`PersonNames`,
    /// from Faker's name lists) are people on their own, in any language.
    @Test func namesOfTheGeneratedLexicon() {
        check("Handover from Chukwudi at 06:00, nothing new", [("person", "Chukwudi")])
        check("Kowalczyk from fraud confirmed no payments left", [("person", "Kowalczyk")])
        check("Bitte morgen mit Nowak klären, ob auch seine Konten betroffen sind", [("person", "Nowak")])
        check("Wróblewska aus der Buchhaltung hat sie freigegeben", [("person", "Wróblewska")])
        check("the tabletop with Connolly and the on-call team", [("person", "Connolly")])
        // A name word before the surname joins it; surnames and given names after it too.
        check("later Gosia Kowalczyk rang back", [("person", "Gosia Kowalczyk")])
        // Near-misses: languages, operating systems, products and tools that
        // are names too (excluded when the lexicon is generated), keep names.
        check("the English and German versions of the Darwin kernel notes", [])
        check("Wayland sessions on Vivaldi and the Huffman tables were fine", [])
        check("the Hirschmann RSP30 switch and the Mamba 2FA kit", [])
        check("Vidar and Lumma stealers were seen, then Akira", [])
    }

    /// A chat line's speaker after its time stamp.
    @Test func chatSpeakers() {
        check("[14:03] Gosia: confirmed, Tycoon kit\n[14:05] Ebuka: on it", [("person", "Gosia"), ("person", "Ebuka")])
        check("09:12 Zhivko Tanev: seeing failed logons", [("person", "Zhivko Tanev")])
        // Near-misses: an ordinary word after a time stamp, a name word with
        // no time stamp, a time in the middle of a sentence.
        check("[14:03] Update: the kit was blocked\n14:05 Status: closed", [])
        check("Outcome: nothing found", [])
        check("we met at 14:03 Zhivko: no", [])
        // A team or role in brackets between the name and the colon.
        check("11/06 09:12 – Nélio Cossa (Central de Serviços): a adquirente apontou", [("person", "Nélio Cossa")])
        check("11/06 09:12 – Update (Central): done\n11/06 09:14 – Zhivko (ops) said no", [])
    }

    /// Handles joined by "_" or "." after a word that says they are one,
    /// and names after "called" or "named".
    @Test func handlesAndNamedPeople() {
        check("someone pushed a config as user noc_ebuka from the jump host", [("user", "noc_ebuka")])
        check("processed under the staff login kt.adewale yesterday", [("user", "kt.adewale")])
        check("he shared his token with a man called Zoltar", [("person", "Zoltar")])
        // Near-misses: a domain, a file, a capitalised word, short forms.
        check("the login page.html and the user e.g. clicked", [])
    }
}

extension LaterDetectorTests {
    /// Japanese names with no honorific: a listed surname, a space and a
    /// given name, or a surname before contact details in brackets.
    @Test func japaneseNamesWithoutHonorific() {
        check("担当は中村 健太です。", [("person", "中村 健太")])
        check("担当は中村\u{3000}健太です。", [("person", "中村\u{3000}健太")])
        check("連絡先は情報システム課の高橋(内線4127)。", [("person", "高橋"), ("id", "4127")])
        // Near-misses: a surname glued to ordinary words, a long run of Han
        // characters after a space, a bracket holding words.
        check("中村工場の生産は止まった。", [])
        check("福島 原子力発電所の件", [])
        check("福島(原発)の件", [])
        // Standing alone between punctuation or spaces, or after a word for a
        // person or a department.
        check("出席：高橋誠（開発部課長）、情シス 鈴木一郎 →", [("person", "高橋誠"), ("person", "鈴木一郎")])
        check("退職予定者中村健一（開発部）の端末。聞き取りは総務部佐藤が実施。", [("person", "中村健一"), ("person", "佐藤")])
        // Near-misses: a company, a prefecture, a station, a ward office; a
        // surname alone in a list. (The prefecture's police is a third
        // party's name, `CompanyDetector`'s, not a person.)
        check("千葉県警に相談、上野駅で発生、本田技研の工場、中野区役所、東京 山田電機 →", [("org", "千葉県警")])
        check("担当：山田\n田中：「請求書メールが届いています」", [("person", "山田"), ("person", "田中")])
        check("「鈴木」が2名表示された。Regards, 高橋 / CSIRT", [("person", "鈴木"), ("person", "高橋")])
        check("千葉：3件、福島：2件", [])
        // Introducing oneself; a sign-off's surname before its department.
        check("情報システム部の山田です。総務課の佐藤と申します。", [("person", "山田"), ("person", "佐藤")])
        check("以上\n鈴木（情報セキュリティ室）", [("person", "鈴木")])
        // Carried forward from a name found in full: where no kanji is glued to it.
        check("From: 鈴木一郎\n各位\nさくら精機の鈴木です。鈴木町の工場。以上、鈴木（情報セキュリティ室）",
              [("person", "鈴木一郎"), ("person", "鈴木"), ("person", "鈴木")])
        // Near misses: no name found in full, a surname glued to a place word,
        // a bracket that holds no department, "です" after a prefecture.
        check("鈴木町の工場です。", [])
        check("以上\n鈴木（未定）\n東京の千葉です。", [])
        // After "担当の" before a particle; an account after アカウント; a
        // foreign name in katakana where a name stands.
        check("担当の鈴木が取りまとめ中。アカウントs-kimuraは停止済み。", [("person", "鈴木"), ("user", "s-kimura")])
        check("連絡先：CSIRT ラウル・サントス\nマリア・シルバさんが対応", [("person", "ラウル・サントス"), ("person", "マリア・シルバ")])
        // Near misses: a loanword compound in a sentence, "ID" after Latin
        // text (not the Japanese account word), a surname glued to a place
        // word after "の".
        check("ソーシャル・エンジニアリングの手口。user ID abcd。本社の山田町工場が", [])
        // A full name after a department's word and "の"; a surname signing
        // off at a line's end; an account number after "口座番号は".
        check("営業部の田中健一が送信。\n以上、中村", [("person", "田中健一"), ("person", "中村")])
        check("振込先口座番号は848-219377-838（香港）です。", [("id", "848-219377-838")])
        check("以上、福岡\n本社の工場", [])
    }
}

extension LaterDetectorTests {
    /// Police, regulator and fraud-office references after the word that
    /// announces them; chat handles and handles after "login,".
    @Test func officialReferences() {
        check("reported to Action Fraud under reference NFRC240312884.", [("id", "NFRC240312884")])
        check("Police Scotland ref CR/0419/24, handed over", [("id", "CR/0419/24")])
        check("Anzeige erstattet, Aktenzeichen 315 UJs 4471/24.", [("id", "315 UJs 4471/24")])
        check("comunicado à PJ (NUIPC 412/24.0JFLSB) ontem", [("id", "412/24.0JFLSB")])
        check("Ticket RT#558213 - compromised student account", [("id", "RT#558213")])
        check("[09:42] kirsty.m: anyone else seeing it?", [("user", "kirsty.m")])
        check("approved by a single dealer login, dealer_0417, for 63 subscribers", [("user", "dealer_0417")])
        // Near-misses: short numbers after "ref", a version after a
        // reference word, sentence-final dots, counts after "complaint".
        check("see ref 12 in the appendix", [])
        check("the reference 2.4 build and ref. RFC 1918", [])
        check("one complaint in 3 days", [])
    }
}

extension LaterDetectorTests {
    /// Bank branches, remote-support ids, extensions and "numéro PV".
    @Test func branchesSupportIdsAndExtensions() {
        check("os boletos apontavam para a agência 0001-7 do banco", [("id", "0001-7")])
        check("über TeamViewer-ID 1 482 907 316 von außen", [("id", "1 482 907 316")])
        check("the AnyDesk ID 482 907 316 was shared", [("id", "482 907 316")])
        check("情報システム課(内線4127)まで", [("id", "4127")])
        check("déposée sous le numéro PV 2024/004512 hier", [("id", "2024/004512")])
        // Near-misses: a version after "numéro", a count after "número",
        // TeamViewer with a version.
        check("la version numéro 3 est sortie", [])
        check("o número de hosts foi 1234", [])
        check("TeamViewer 15.2 was installed", [])
        // A French clock-time range is no naming-convention host.
        check("- 22/05/2025 10h05-11h40 : attaque DDoS", [])
    }
}

extension LaterDetectorTests {
    /// Account names made from a found person's name; abbreviation chains;
    /// national ids and case words; switchboard numbers.
    @Test func derivedHandlesCitationsAndCaseWords() {
        check("Your PhD student Ewan McTavish spotted it; his account emctavish was not involved.",
              [("person", "Ewan McTavish"), ("user", "emctavish")])
        check("Zofia Brzozowska reset it; later zofia.brzozowska logged in", [("person", "Zofia Brzozowska"), ("user", "zofia.brzozowska")])
        check("notified the state regulator under Conn. Gen. Stat. 38a-38 within 3 days", [])
        check("o CPF 318.442.097-51 do conferente", [("id", "318.442.097-51")])
        check("with the EFCC (petition EFCC/CYB/2024/0331).", [("id", "EFCC/CYB/2024/0331")])
        check("plainte (procès-verbal n° 2024/118/PJ-0457) ;", [("id", "2024/118/PJ-0457")])
        check("Hotline für Betroffene: 02131 6640-0.", [("phone", "02131 6640-0")])
        // Near-misses: an ordinary word that starts like a handle, a name's
        // parts in other words, a date with a short last group.
        check("Ewan McTavish said the emails were fine", [("person", "Ewan McTavish")])
        check("patched on 2024-05-1 and 2024-05-12", [])
    }
}

extension LaterDetectorTests {
    /// User names listed after "user names such as"; supplier accounts.
    @Test func rostersUnderALabel() {
        check("Minutes\nAttendees: Sunny Abernethy, Fritz Sonnenschein, Mark Winter (IR lead), Legal\nApologies: Grace Hall",
              [("person", "Sunny Abernethy"), ("person", "Fritz Sonnenschein"), ("person", "Mark Winter"), ("person", "Grace Hall")])
        check("Anwesend:\n- Fritz Sonnenschein (IT-Leitung)\n- Dörte Winter\n- Microsoft Support\n\nDie Sitzung begann",
              [("person", "Fritz Sonnenschein"), ("person", "Dörte Winter")])
        check("Reported by: Mark Winter\nPrésents : Sunny Abernethy et Fritz Sonnenschein",
              [("person", "Mark Winter"), ("person", "Sunny Abernethy"), ("person", "Fritz Sonnenschein")])
        // Near misses: teams, products and roles in the list; no label at a line's start.
        check("Attendees: Incident Response, Legal Counsel, Service Desk, Internal Audit", [])
        check("To: Legal; Service Desk\nCc: Microsoft Support, Fortinet TAC\nEscalated to: Change Advisory Board", [])
        check("Seen in the logs from: Cobalt Strike, Mimikatz", [])
        check("We met the attendees: Mark Winter was not there", [])
    }

    @Test func userNamesListedWithAccounts() {
        check("Zugangsdaten eingegeben (a.kowalski, m.yilmaz, hpeters).",
              [("user", "a.kowalski"), ("user", "m.yilmaz"), ("user", "hpeters")])
        check("contas mferreira e jlopez@example.pt", [("user", "mferreira"), ("email", "jlopez@example.pt")])
        check("ein Login des Wartungskontos wart_spectrum", [("user", "wart_spectrum")])
        check("his own login (anowak, staff badge) and a conta local fgt_support",
              [("user", "anowak"), ("user", "fgt_support")])
        check("the account (abuse) and the login (admin) page, a conta local ativa", [])
        check("um colaborador (rodrigo.matos) e o user in Leeds (r.kumar2)", [("user", "rodrigo.matos"), ("user", "r.kumar2")])
        // Near misses: code identifiers and paths are listed that way too;
        // dotted words that are no names.
        check("see os.path and console.log and config.yaml and maria.db", [])
        check("Fixed mpfr_add and mpfr_sub; see msdos/gzip.prj and rsync, tfmma.c", [])
    }

    @Test func userNamesAsAgents() {
        check("phish reported by kgibson (Corby), ticket closed by j.barnes",
              [("user", "kgibson"), ("user", "j.barnes")])
        check("Phishing gemeldet von kschmidt am Morgen", [("user", "kschmidt")])
        // Near misses: what tools and processes do, ordinary words.
        check("alert triggered by mshta, blocked by defender and run by psexec", [])
        check("reported by the user and closed by email", [])
    }

    @Test func userNamesByPlatformArticleAndAnswer() {
        // A handle before "on GitHub"; an account after "Benutzerkennung:".
        check("A contractor developer, mfontaine-dev on GitHub, pushed it; jdoe42 auf GitLab",
              [("user", "mfontaine-dev"), ("user", "jdoe42")])
        check("Benutzerkennung: kdm_schulte. Es gibt Hinweise", [("user", "kdm_schulte")])
        // After the article Portuguese puts before a name: an initial and a surname.
        check("um deles é o fsouza do faturamento", [("user", "fsouza")])
        // An employee number asked for, answered on the next line.
        check("Agente: Pode indicar-me o seu número de colaborador?\nChamador: É o 40219. Estou com pressa.",
              [("id", "40219")])
        check("Agent: What is your employee number?\nCaller: since 2019, it is 88123.", [("id", "88123")])
        // A first name alone after a call log's speaker label.
        check("Caller: Dr Kenji Morrison\nAgent: Holly\nCaller: I left my laptop", [("person", "Kenji Morrison"), ("person", "Holly")])
        // Near misses: words before "on GitHub", English articles before
        // terms of a user name's shape, a count after "comptes de", a year
        // and no number in the answer, a label before speech.
        check("the code on GitHub, open-source on GitHub, projeto no GitHub, published on Twitter", [])
        check("the wchan field and o dmarc do domínio", [])
        check("la base des comptes de 212 courtiers", [])
        check("What is your ticket number?\nCaller: 3 of them, since 2019.", [])
        check("Agent: Was it encrypted?\nNota da analista: ok", [])
    }

    @Test func accountsStorageNamesAndMailboxNames() {
        // A copula between the user word and the name.
        check("Logged-on user is ttembo.", [("user", "ttembo")])
        // A container named after the word for one and its service.
        check("le conteneur Azure Blob Storage blulyonexportcredit a été laissé", [("host", "blulyonexportcredit")])
        check("the bucket s3 acme-prod-exports was public", [("host", "acme-prod-exports")])
        check("used an Azure storage account, glmospreydata01, for field recordings", [("host", "glmospreydata01")])
        // A mailbox's given name, later alone.
        check("De helena.matos@trafoluso.pt.\nA conta da Helena foi comprometida.",
              [("email", "helena.matos@trafoluso.pt"), ("person", "Helena")])
        // A name the lexicons lack right after a lower-case role.
        check("vigilante Edvaldo foi verificar", [("person", "Edvaldo")])
        // After a plural role and a comma.
        check("One of our relationship managers, Tom Whitfield, left his laptop", [("person", "Tom Whitfield")])
        // Near misses: a user word before a word; containers and storage
        // before words; a team's mailbox; an initialism with a dot.
        check("the user is unknown and the account was locked", [])
        check("The storage account was locked; our engineers, as usual, checked.", [])
        check("the container was public, bucket policies, cloud storage provider, stockage chiffré", [])
        check("De security.team@example.pt: a Security e o Comercial.", [("email", "security.team@example.pt")])
        check("It's an O.MG Cable, not one of ours; at 10 P.M.", [])
    }

    @Test func introductionsSignaturesAndCommentHistories() {
        // Introducing oneself, with a name the lexicons may lack.
        check("Hi, it's Dave from the service desk. My name is Bisi. ich bin Ivo.",
              [("person", "Dave"), ("person", "Bisi"), ("person", "Ivo")])
        // After a past-tense verb of calling; a dash signature in the last lines.
        check("Rang Bisi at 00:15 as duty manager.", [("person", "Bisi")])
        check("Hunting tip in the thread.\n— Mhairi, SOC", [("person", "Mhairi")])
        // A ticket's comment history; an account's role before its number.
        check("Kommentar mkrause: Laut Audit-Log 340 Dokumente.", [("user", "mkrause")])
        check("Conta de destino 4412873-5 bloqueada.", [("id", "4412873-5")])
        // Near misses: a vendor, a day, a product after "is"; a dash
        // bullet before a verb, a team; an English comment before code.
        check("This is Microsoft calling. It is Monday. The issue is Windows.", [])
        check("Actions:\n- Infra to confirm\n- Legal", [])
        check("Corrected a comment (exp_base and exp_bin description).", [])
    }

    @Test func thirdPartiesCompanyNames() {
        // A company word after a distinctive name; a business noun first.
        check("paid the invoice of Harwood Print Supplies twice", [("org", "Harwood Print Supplies")])
        check("recebemos da Metalúrgica Vale do Paraíba um e-mail", [("org", "Metalúrgica Vale do Paraíba")])
        // After a word for a third party: a comma in English, directly elsewhere.
        check("our MSP, Dalesbridge IT Services, had it on its list", [("org", "Dalesbridge IT Services")])
        check("prestador de serviços geridos, Sadoinfra, durante a migração", [("org", "Sadoinfra")])
        check("an den Ablesedienstleister Zählerservice Niederrhein zu schicken", [("org", "Zählerservice Niederrhein")])
        check("le cabinet Courtage Loire Patrimoine a été compromis", [("org", "Courtage Loire Patrimoine")])
        check("保守委託先の中部ネットシステムズが担当", [("org", "中部ネットシステムズ")])
        // After a person and "of"; before ", one of our contractors"; after "contract with"; in brackets after 業者.
        check("a supplier, Dr Ngozi Eze of Halden Scientific, nearly paid", [("person", "Ngozi Eze"), ("org", "Halden Scientific")])
        check("it came from Marlowe Roofing, one of our claims contractors, asking", [("org", "Marlowe Roofing")])
        check("O contrato com a Translusa Cargas está em revisão", [("org", "Translusa Cargas")])
        check("委託している外部業者（三河テクノサービス）が被害", [("org", "三河テクノサービス")])
        // Near misses: English words only, vendors of the keep vocabulary,
        // an English cue without a comma, capitals, a Japanese word without a company word.
        check("Financial Services and the IT Service Desk; Credit Control, Accounts Payable", [])
        check("Palo Alto Networks; our vendor, Fortinet, shipped a fix", [])
        check("a cloud storage provider Over three days", [])
        check("our MSP, IT, was called; 取引先各社へのお詫び", [])
        check("Dr Ngozi Eze of the SOC and Dr Ada Lovelace from Microsoft; Leeds, one of our sites; the contract with them", 
              [("person", "Ngozi Eze"), ("person", "Ada Lovelace")])
    }

    @Test func thirdPartiesNamedWithoutAComma() {
        // An English word for a third party after a possessive; a company
        // word may then stand for the distinctive one.
        check("a bridge with our MSP Harbourline Managed Security at nine", [("org", "Harbourline Managed Security")])
        check("Scrubbing at our upstream Lagoon Transit Networks kicked in", [("org", "Lagoon Transit Networks")])
        // What the third party does between the word and the name.
        check("compte VPN de notre prestataire d'infogérance Loire Infogérance, sans MFA", [("org", "Loire Infogérance")])
        check("pelo AnyDesk do fornecedor de automação comercial Sulautomação, com senha", [("org", "Sulautomação")])
        check("Forensiker von Cyberwacht Forensik kommen morgen", [("org", "Cyberwacht Forensik")])
        check("notre hébergeur Nuagéo a activé le filtrage", [("org", "Nuagéo")])
        // Company words and business nouns: a clinic, a county's police, a bank.
        check("a practice manager at Welland Valley Medical Centre deleted it", [("org", "Welland Valley Medical Centre")])
        check("Reported to Northamptonshire Police on Monday", [("org", "Northamptonshire Police")])
        check("Lance le rappel SWIFT avec Crédit Rhodanien tout de suite", [("org", "Crédit Rhodanien")])
        // Japanese: after ベンダー or 保守会社; a law firm and a prefecture's police without a cue.
        check("保守ベンダーの東海ネットソリューションズに依頼中", [("org", "東海ネットソリューションズ")])
        check("保守会社アクトシステムのアカウントで", [("org", "アクトシステム")])
        check("相談のうえ、浜名湖綜合法律事務所に依頼済み。静岡県警サイバー犯罪対策課",
              [("org", "浜名湖綜合法律事務所"), ("org", "静岡県警")])
        // Near misses: no possessive, English words without a company word,
        // a vendor of the keep vocabulary, a lower-case word after the
        // preposition only, a police force of English words, 県警 alone.
        check("the upstream Lagoon Transit; our MSP Monday; our vendor Microsoft Defender", [])
        check("fournisseur de la solution Veeam; Metropolitan Police; a Security Operations Centre", [])
        check("県警に相談済み", [])
    }

    @Test func thirdPartiesByCompanyWordsAndAlone() {
        // A legal form and German compounds that end a company's name.
        check("Reto Bachmann von unserem Netzwerkpartner Alpnet AG hat", [("person", "Reto Bachmann"), ("org", "Alpnet AG")])
        check("umgeleitet, vor allem bei Hagedorn Elektrogroßhandel. Aufgefallen", [("org", "Hagedorn Elektrogroßhandel")])
        // A genitive cue that is no part of the name; the name's word alone later.
        check("über den Zugang unseres Leittechnik-Dienstleisters Hessler Automation. Hessler betreut auch andere",
              [("org", "Hessler Automation"), ("org", "Hessler")])
        check("a poisoned update from Meridale Software on Monday; Meridale confirmed it",
              [("org", "Meridale Software"), ("org", "Meridale")])
        // One lower-case word between the possessive and the English cue; six before a comma.
        check("over the remote maintenance of our system integrator Hydrotec Automation, with one account",
              [("org", "Hydrotec Automation")])
        check("Notre éditeur de logiciel de gestion des contrats, Logicia Courtage, a diffusé", [("org", "Logicia Courtage")])
        check("Notre agence web, Studio Ndiaye & Associés, a reconnu", [("org", "Studio Ndiaye & Associés")])
        check("営業部が取引先の中部精工向けの見積書を、保守業者の浜名ネットワークサービスと調整中",
              [("org", "中部精工"), ("org", "浜名ネットワークサービス")])
        // Near misses: a bracket after the cue, a compound alone, a keep
        // vendor's legal form, a greeting to colleagues, an English cue
        // inside a member's name.
        check("über den Fernwartungszugang eines Dienstleisters (TeamViewer-ID 1 482 907 316)", [("id", "1 482 907 316")])
        check("Die Immobilienverwaltung zahlt; Siemens AG liefert. Liebe Kolleginnen und Kollegen", [])
        // In brackets after the name, a company word is enough; insurers, consultancies; 保守業者 without の.
        check("Charter Oak Managed Security (our MDR) escalated", [("org", "Charter Oak Managed Security")])
        check("resigned and is joining Pinecrest Indemnity; the consultant of Norte Digital Consultores",
              [("org", "Pinecrest Indemnity"), ("org", "Norte Digital Consultores")])
        check("保守業者遠州テクノサービスが使っているAnyDesk", [("org", "遠州テクノサービス")])
        // 株式会社 before the name; a name in Latin letters after a Japanese cue; a carrier after a comma.
        check("委託している株式会社ペイロールサポート東海において", [("org", "株式会社ペイロールサポート東海")])
        check("タイの部品仕入先Siam Precision Parts Co., Ltd.の担当者", [("org", "Siam Precision Parts Co., Ltd.")])
        check("Our upstream, Savannah Fibre, diverted the traffic", [("org", "Savannah Fibre")])
        // Near misses: a vendor's product in brackets with no word for a
        // third party, a product after a CVE id (a name before 株式会社 is a company's).
        check("Trend Micro Deep Security (our EDR) and Managed Security (our MDR)", [])
        check("東海精機株式会社 情報システム課; CVE-2024-50623 in Cleo Harmony", [("org", "東海精機株式会社")])
        // An English word for a third party after another language's
        // article names it directly; German compounds on -service and
        // -systemhaus; a bank and a company before 株式会社 or 銀行.
        check("Der DDoS-Schutz unseres Providers NetCologne wurde; e o MSSP Atlântica Segurança demorou",
              [("org", "NetCologne"), ("org", "Atlântica Segurança")])
        check("unseres IT-Dienstleisters Rhein-Ruhr Systemhaus lief; Termine bei Ruhrtrans Fahrzeugservice",
              [("org", "Rhein-Ruhr Systemhaus"), ("org", "Ruhrtrans Fahrzeugservice")])
        check("外部のトライデントセキュリティ株式会社に依頼し、静岡中央銀行に組戻し", [("org", "トライデントセキュリティ株式会社"), ("org", "静岡中央銀行")])
        // Near misses: one word after an English article, 中央銀行 alone.
        check("our MSP Lundi; the MSSP Atlântica; 中央銀行の件", [])
        // A legal form after two capitalised words; "a contractor from" and two words; Digital, Ventures.
        check("a payment to Harrow & Finch Supplies Ltd was redirected", [("org", "Harrow & Finch Supplies Ltd")])
        check("by a contractor from Larkspur Cloud Partners; the dealer Obi-Eze Mobile Ventures; from Quillon Digital",
              [("org", "Larkspur Cloud Partners"), ("org", "Obi-Eze Mobile Ventures"), ("org", "Quillon Digital")])
        // Near misses: a legal form after one word, "from" and one word.
        check("Finance Ltd and a supplier from Monday; Palo Alto Networks Inc", [])
    }

    @Test func namesAndAccountsACueAnnounces() {
        // A nickname in quotes after a cue, before "genannt".
        check("known on the ward as \"Becca\", excluded", [("person", "Becca")])
        check("im Team nur „Flo“ genannt", [("person", "Flo")])
        check("(o pessoal chama de \"Juninho\") usava o login", [("person", "Juninho")])
        // A romanised honorific; an account in brackets after a person or a role.
        check("Sato-san is collecting hashes", [("person", "Sato")])
        check("the AP clerk (mfarouk) had flagged it", [("user", "mfarouk")])
        check("鈴木健一さん（k-suzuki）が開いた", [("person", "鈴木健一"), ("user", "k-suzuki")])
        // A given name and an initial; an account assigned a ticket.
        check("the staff user on the portal is tunde.b. Wallets", [("user", "tunde.b")])
        check("Atribuído a: rfigueiredo\nCc: nobody", [("user", "rfigueiredo")])
        // Joined by "_" with a lexicon name; after a word for a colleague; a street without a number; a last dash.
        check("the account of a former contractor, dmorales_ext, and dk_osei", [("user", "dmorales_ext"), ("user", "dk_osei")])
        check("un collègue du back-office (ylebihan) le même jour", [("user", "ylebihan")])
        check("stolen from her car off Castlegate Road, Glenmoor", [("location", "Castlegate Road")])
        check("04:10 Handed over to day shift. – Raj", [("person", "Raj")])
        check("Tolu from Claims left her laptop", [("person", "Tolu")])
        check("clientes da agência de Setúbal e Palmela", [("location", "Setúbal"), ("location", "Palmela")])
        check("flag lookalike domains – owner lnakamura.", [("user", "lnakamura")])
        // A table's user column.
        check("user | dept | action\ndnguyen | Claims | reset\naabdullahi | Claims | none",
              [("user", "dnguyen"), ("user", "aabdullahi")])
        // A CSV header without spaces names the column too.
        check("username,site,caught\nfmusa,Ibadan,no\nj.okafor,Lagos,yes", [("user", "fmusa"), ("user", "j.okafor")])
        // Near misses: a quoted word after a cue that is a word, brackets
        // holding a word or a revision, a dotted word that is no given name,
        // a table without a user column, a Japanese place with "-san" as a word.
        check("a file called \"Invoice\" and a team known as \"Blue\"", [])
        check("Fredrik Johansson (r9841) fixed it (retired) last year", [("person", "Fredrik Johansson")])
        check("see config.d and the ransom dema.nd", [])
        check("dept | action\nClaims | dnguyen", [])
        check("the user, the host, the site\nfmusa, then, later", [])
        check("mpfr_set_emin and mod_asis; off Station Road; – Thanks", [])
        check("Data from Claims and Logs from IT; a agência de Setúbal e Microsoft", [("location", "Setúbal")])
    }

    @Test func listedUserNamesAndSupplierAccounts() {
        check("nothing was taken beyond user names such as s2291847 and mkowalczyk. The intrusion",
              [("user", "s2291847"), ("user", "mkowalczyk")])
        check("Die Zahlung an Kreditor K-700412 wurde gestoppt", [("id", "K-700412")])
        // Near-misses: ordinary words after the lead, no list at all.
        check("user names such as the ones above were reset", [])
        check("the accounts like these were locked", [])
    }
}
