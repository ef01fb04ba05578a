/// Word lists the detectors share. Kept short and explicit on purpose: every
/// entry here changes what leaves a member's machine, so each list says why
/// it exists and what it leaves out.
enum Vocabulary {
    /// Generic and popular top-level domains. A dotted name counts as a domain
    /// only if it ends in one of these or a two-letter country code; that is
    /// what keeps "invoice.pdf", "e.g." and "1.2.3" out. New gTLDs that are
    /// common in phishing (zip, mov, top, xyz) are in; the long tail is not.
    static let genericTLDs: Set<String> = [
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "aero",
        "coop", "museum", "mobi", "asia", "tel", "travel", "jobs", "cat", "arpa",
        "app", "dev", "page", "cloud", "online", "site", "tech", "store", "shop", "blog", "xyz",
        "top", "club", "live", "news", "website", "space", "email", "digital", "network",
        "systems", "solutions", "services", "company", "group", "global", "world", "today",
        "life", "link", "click", "bank", "insurance", "finance", "financial", "capital",
        "money", "security", "zip", "mov", "icu", "vip", "work", "support", "agency",
        "media", "studio", "design", "center", "host", "law", "health", "care", "energy",
        "google", "microsoft", "amazon", "azure", "office", "windows", "apple", "aws",
    ]

    /// Every assigned two-letter country-code TLD (IANA root zone), plus "eu".
    static let countryTLDs: Set<String> = Set("""
        ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo bq br \
        bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec \
        ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk \
        hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la \
        lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my \
        mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro \
        rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk \
        tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw
        """.split(separator: " ").map { String($0.filter { $0.isLetter }) })

    /// Suffixes of internal names that are not public TLDs; a dotted name
    /// ending in one of these is an internal host, replaced by [HOST].
    static let internalSuffixes: Set<String> = [
        "local", "internal", "lan", "corp", "intranet", "localdomain", "home", "private", "priv",
    ]

    static func isTLD(_ label: String) -> Bool { genericTLDs.contains(label) || countryTLDs.contains(label) }

    /// File extensions: "name.ext" with one of these is a file, not a domain,
    /// even where the extension is also a TLD (.zip, .mov, .sh, .py, .pl, .rs,
    /// .md, .ps, .so). A third label makes it a domain again ("evil.co.zip"),
    /// unless the label before is an extension too ("invoice.pdf.zip").
    static let fileExtensions: Set<String> = [
        "pdf", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "ppt", "pptx", "pptm", "rtf", "txt",
        "csv", "log", "json", "xml", "yaml", "yml", "toml", "html", "htm", "js", "mjs", "ts", "py",
        "sh", "bash", "zsh", "ps1", "psm1", "psd1", "bat", "cmd", "vbs", "vbe", "vba", "wsf", "hta",
        "jse", "exe", "dll", "sys", "msi", "msp", "scr", "lnk", "iso", "img", "vhd", "vhdx", "vmdk",
        "ova", "zip", "rar", "7z", "gz", "tgz", "tar", "bz2", "xz", "zst", "cab", "jar", "war", "apk",
        "ipa", "dmg", "pkg", "deb", "rpm", "bin", "dat", "tmp", "bak", "old", "cfg", "conf", "config",
        "ini", "inf", "reg", "db", "sqlite", "sql", "md", "rst", "rs", "go", "c", "h", "cpp", "hpp",
        "cs", "java", "class", "kt", "swift", "rb", "pl", "pm", "php", "asp", "aspx", "jsp", "lua",
        "png", "jpg", "jpeg", "gif", "bmp", "svg", "ico", "webp", "tif", "tiff", "mp3", "mp4",
        "mov", "avi", "mkv", "wav", "one", "eml", "msg", "pst", "ost", "elf", "so", "dylib", "ko",
        "pcap", "pcapng", "evtx", "etl", "dmp", "mem", "raw", "key", "pem", "crt", "cer", "pfx",
        "p12", "ps", "chm", "url", "ics", "vcf", "odt", "ods", "odp", "pub", "xll", "wll",
    ]

    /// URL schemes recognised before "://" (hxxp: defanged, as threat reports write it).
    static let urlSchemes: Set<String> = [
        "http", "https", "ftp", "ftps", "sftp", "ssh", "scp", "file", "ws", "wss", "smb", "ldap",
        "ldaps", "rdp", "telnet", "git", "svn", "s3", "gs", "nfs", "vnc", "sip", "hxxp", "hxxps",
        "fxp", "imap", "imaps", "pop3", "smtp", "smtps", "irc", "mqtt", "redis", "mongodb",
        "postgres", "postgresql", "mysql", "jdbc", "ms-settings", "search-ms",
    ]

    /// Built-in keep vocabulary: malware, tools, actors and product names that
    /// analysts need to share and that may look like names or domains. Short
    /// for now; the later scrubber issue grows it.
    static let keepNames: [String] = [
        "LockBit", "Cobalt Strike", "Mimikatz", "Emotet", "QakBot", "Qbot", "Volt Typhoon",
        "TrickBot", "IcedID", "BlackCat", "ALPHV", "Conti", "Ryuk", "REvil", "Cl0p", "Clop",
        "Akira", "Black Basta", "BlackSuit", "Sliver", "Brute Ratel", "Metasploit", "BloodHound",
        "SharpHound", "PsExec", "AnyDesk", "Rclone", "Impacket", "Scattered Spider", "Lazarus",
        "Sandworm", "Fancy Bear", "Cozy Bear", "APT28", "APT29", "Log4Shell", "ProxyShell",
        "ProxyLogon", "EternalBlue", "WannaCry", "NotPetya", "PowerShell", "ASP.NET", "VB.NET",
        "ADO.NET", "Node.js", "Vue.js", "Next.js",
    ]

    /// Legal-form and umbrella words dropped from the end of organisation
    /// names to make a second variant ("Acme Bank plc" → "Acme Bank").
    static let legalSuffixes: Set<String> = [
        "plc", "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "gmbh", "ag", "sa",
        "sas", "sarl", "spa", "srl", "nv", "bv", "oy", "ab", "as", "asa", "kk", "pty", "pte",
        "corp", "corporation", "co", "company", "group", "holdings", "holding", "plc.", "se",
    ]

    /// Second-level labels under a ccTLD that are not the member's own name
    /// ("co" in acmebank.co.uk), skipped when deriving the name from a domain.
    static let secondLevel: Set<String> = ["co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "or", "ne", "go"]
}
