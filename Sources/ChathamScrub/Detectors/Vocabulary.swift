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
        // Ransomware and malware families.
        "LockBit", "LockBit 3.0", "LockBit Black", "BlackCat", "ALPHV", "Black Basta", "BlackSuit", "Conti", "Ryuk",
        "REvil", "Sodinokibi", "Cl0p", "Clop", "Akira", "Royal", "Play", "Rhysida", "Medusa", "Hive", "Babuk",
        "Maze", "Egregor", "DarkSide", "BlackMatter", "Ragnar Locker", "RansomHub", "Hunters International",
        "8Base", "Phobos", "Dharma", "Stop Djvu", "Snatch", "Vice Society", "Cuba", "Quantum", "Karakurt",
        "BianLian", "NoEscape", "Trigona", "Mallox", "Qilin", "Agenda", "Cactus", "INC Ransom", "Lynx",
        "Emotet", "QakBot", "Qbot", "TrickBot", "IcedID", "BazarLoader", "Bumblebee", "Dridex", "Ursnif",
        "Gozi", "ZLoader", "Zeus", "SmokeLoader", "GootLoader", "SocGholish", "Raspberry Robin", "Pikabot",
        "DarkGate", "Latrodectus", "Agent Tesla", "AgentTesla", "FormBook", "XLoader", "RedLine", "RedLine Stealer",
        "Raccoon Stealer", "Vidar", "Lumma", "Lumma Stealer", "LummaC2", "StealC", "AsyncRAT", "Remcos",
        "njRAT", "NanoCore", "QuasarRAT", "Quasar RAT", "DarkComet", "PlugX", "ShadowPad", "Winnti", "Gh0st RAT",
        "PoisonIvy", "Mirai", "Gafgyt", "WannaCry", "NotPetya", "Petya", "Industroyer", "Triton", "Stuxnet",
        "BlackEnergy", "Olympic Destroyer", "HermeticWiper", "WhisperGate", "AcidRain", "Sunburst", "Teardrop",
        "Raindrop", "China Chopper", "Godzilla", "Behinder", "Pupy", "Empire", "PowerSploit",
        // Offensive and dual-use tools.
        "Cobalt Strike", "Mimikatz", "Sliver", "Brute Ratel", "Brute Ratel C4", "Havoc", "Mythic", "Metasploit",
        "Meterpreter", "BloodHound", "SharpHound", "PsExec", "PAExec", "AnyDesk", "TeamViewer", "ScreenConnect",
        "ConnectWise ScreenConnect", "Atera", "Splashtop", "NetSupport", "NetSupport Manager", "Rclone", "WinSCP",
        "FileZilla", "MEGAsync", "Mega", "Restic", "Impacket", "Rubeus", "Kerbrute", "CrackMapExec", "NetExec",
        "Responder", "Nmap", "Masscan", "Advanced IP Scanner", "Angry IP Scanner", "SoftPerfect", "AdFind",
        "Ngrok", "Chisel", "Plink", "PuTTY", "LaZagne", "ProcDump", "Process Hacker", "GMER", "PCHunter",
        "Evilginx", "EvilProxy", "Tycoon 2FA", "Modlishka", "Log4Shell", "ProxyShell", "ProxyLogon",
        "ProxyNotShell", "EternalBlue", "Zerologon", "PrintNightmare", "PetitPotam", "Follina", "BlueKeep",
        "Citrix Bleed", "Heartbleed", "Shellshock", "Spring4Shell", "MOVEit", "Cleo Harmony", "Cleo VLTrader", "Cleo LexiCom", "PowerShell", "WMI", "Certutil",
        // Threat actors.
        "Volt Typhoon", "Salt Typhoon", "Flax Typhoon", "Silk Typhoon", "Scattered Spider", "Lazarus",
        "Lazarus Group", "Kimsuky", "Andariel", "Sandworm", "Fancy Bear", "Cozy Bear", "Midnight Blizzard",
        "Forest Blizzard", "Star Blizzard", "Seashell Blizzard", "Charming Kitten", "Mint Sandstorm",
        "Mustang Panda", "Wizard Spider", "Evil Corp", "Turla", "Gamaredon", "APT28", "APT29", "APT41", "APT10",
        "FIN7", "FIN8", "FIN11", "TA505", "TA577", "Lapsus$", "LAPSUS$", "ShinyHunters", "Octo Tempest",
        "Storm-0558", "Storm-0501", "Muddled Libra", "UNC3944", "UNC2452", "Nobelium", "Hafnium", "Cl0p Team",
        "OilRig", "MuddyWater", "Kinsing", "TeamTNT", "Magecart", "Killnet", "NoName057(16)", "Anonymous Sudan",
        // Vendors and products.
        "Microsoft Exchange", "Exchange Server", "Microsoft 365", "Office 365", "Microsoft Teams", "SharePoint",
        "OneDrive", "Outlook", "Azure AD", "Entra ID", "Microsoft Entra ID", "Active Directory", "Microsoft Defender",
        "Defender for Endpoint", "Microsoft Sentinel", "Intune", "Windows Server", "Microsoft SQL Server", "SQL Server",
        "Fortinet", "FortiGate", "Fortinet FortiGate", "FortiOS", "FortiClient", "FortiManager", "FortiWeb",
        "Palo Alto Networks", "PAN-OS", "GlobalProtect", "Cisco", "Cisco ASA", "Cisco AnyConnect", "Cisco IOS XE",
        "Citrix", "Citrix NetScaler", "NetScaler", "NetScaler ADC", "Citrix ADC", "Ivanti", "Ivanti Connect Secure",
        "Pulse Secure", "Ivanti EPMM", "SonicWall", "Check Point", "Juniper", "F5 BIG-IP", "BIG-IP", "VMware",
        "VMware ESXi", "ESXi", "vCenter", "VMware vCenter", "Veeam", "Veeam Backup", "Confluence", "Atlassian",
        "Jira", "Jenkins", "GitLab", "GitHub", "Bitbucket", "MOVEit Transfer", "GoAnywhere", "Progress",
        "Okta", "Duo", "Ping Identity", "CrowdStrike", "CrowdStrike Falcon", "SentinelOne", "Sophos", "ESET",
        "Kaspersky", "Trend Micro", "Symantec", "McAfee", "Trellix", "Carbon Black", "Cylance", "Darktrace",
        "Splunk", "Elastic", "QRadar", "Zscaler", "Cloudflare", "Akamai", "AWS", "Amazon S3", "Google Workspace",
        "Google Cloud", "Azure", "Salesforce", "ServiceNow", "SAP", "Oracle", "Oracle Database", "Oracle E-Business Suite",
        "WebLogic", "Apache", "Apache Tomcat", "Apache Struts", "Log4j", "OpenSSL", "OpenSSH", "Nginx", "WordPress",
        "Drupal", "Magento", "Zimbra", "Roundcube", "3CX", "Kaseya", "Kaseya VSA", "SolarWinds", "SolarWinds Orion",
        "ConnectWise", "DocuSign", "Dropbox", "WeTransfer", "Telegram", "WhatsApp", "Signal", "Chrome", "Firefox",
        "Edge", "Safari", "Windows", "Linux", "macOS", "iOS", "Android", "Ubuntu", "Red Hat", "KeePass",
        "LastPass", "1Password", "Bitwarden", "Barracuda", "Barracuda ESG", "Sophos Firewall", "WatchGuard",
        "Zyxel", "MikroTik", "Ubiquiti", "QNAP", "Synology", "Hikvision", "Siemens", "Schneider Electric",
        "Rockwell", "Rockwell Automation", "Allen-Bradley", "Dragos", "Claroty", "Nozomi Networks",
        "Thales", "Baxter", "Fritz!Box", "Assa Abloy", "AMOS", "Atomic Stealer", "Mamba 2FA",
        "Tor", "Mimecast", "Proofpoint", "Tenable", "Qualys", "Rapid7", "Mandiant", "Wireshark",
        "Sysmon", "Velociraptor", "KAPE", "Volatility", "ASP.NET", "VB.NET", "ADO.NET", "Node.js", "Vue.js", "Next.js",
        // Authorities and frameworks that read like organisations.
        "NCSC", "CISA", "BSI", "ANSSI", "CNCS", "NISC", "JPCERT", "JPCERT/CC", "ENISA", "Europol", "FBI",
        "ICO", "CNIL", "CNPD", "ANPD", "MITRE", "ATT&CK", "MITRE ATT&CK", "NIST", "VERIS", "GDPR", "DSGVO", "RGPD",
        "LGPD", "NIS2", "DORA",
    ]

    /// Lower-cased single words of the keep vocabulary: a capitalised word
    /// among them never continues a person's name ("Agent Tesla").
    static let keepWords: Set<String> = Set(keepNames.flatMap { $0.lowercased().split(separator: " ").map(String.init) })

    /// Legal-form and umbrella words dropped from the end of organisation
    /// names to make a second variant ("Acme Bank plc" → "Acme Bank").
    static let legalSuffixes: Set<String> = [
        "plc", "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "gmbh", "ag", "sa",
        "sas", "sarl", "spa", "srl", "nv", "bv", "oy", "ab", "as", "asa", "kk", "pty", "pte",
        "corp", "corporation", "co", "company", "group", "holdings", "holding", "plc.", "se",
    ]

    /// Second-level labels under a ccTLD that are not the member's own name
    /// ("co" in acmebank.co.uk, "nhs" in northgate-health.nhs.uk: shared by
    /// every member of a sector, as the public suffix list has them),
    /// skipped when deriving the name from a domain.
    static let secondLevel: Set<String> = ["co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "or", "ne", "go",
                                           "nhs", "police", "sch", "mod", "gouv", "gob", "govt", "gv", "asso", "nom"]
}
