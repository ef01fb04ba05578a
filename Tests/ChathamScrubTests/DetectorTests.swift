import Testing
@testable import ChathamScrub

/// Generic detectors, with the empty profile: every hit and the near-misses
/// that must be left alone.
@Suite struct DetectorTests {
    @Test func emails() {
        check("Mail jane.doe+soc@example.org now.", [("email", "jane.doe+soc@example.org")])
        check("<ops@mail.example.co.uk>", [("email", "ops@mail.example.co.uk")])
        check("mailto:x_y@a-b.internal", [("email", "x_y@a-b.internal")])
        check("José.Núñez@correo.es", [("email", "José.Núñez@correo.es")])
        // Near-misses.
        check("ping @handle on chat", [("user", "@handle")]) // a user handle, not an e-mail
        check("pinned lodash@4.17.21 today", [])
        check("user@localhost is local", [])
        check("a @ b.com spaced", [("domain", "b.com")])
    }

    @Test func ipv4AndCIDR() {
        check("C2 at 198.51.100.7, then 10.0.0.1.", [("ip", "198.51.100.7"), ("ip", "10.0.0.1")])
        check("block 192.168.0.0/16 and 8.8.8.8/33", [("ip", "192.168.0.0/16"), ("ip", "8.8.8.8")])
        check("(1.2.3.4)", [("ip", "1.2.3.4")])
        check("range 203.0.113.x and 10.20.*.*", [("ip", "203.0.113.x"), ("ip", "10.20.*.*")])
        check("ip=172.16.5.4:443", [("ip", "172.16.5.4")])
        // Near-misses: versions, out-of-range octets, glued to words.
        check("version 1.2.3 and 1.2.3.4.5 and v1.2.3.4", [])
        check("256.1.1.1 and 1.2.3.1000", [])
        check("10.x.x.x is private anyway", [])
    }

    @Test func ipv6() {
        check("from 2001:db8::1 and fe80::1%eth0.", [("ip", "2001:db8::1"), ("ip", "fe80::1%eth0")])
        check("[2001:0db8:0000:0000:0000:ff00:0042:8329]:443",
              [("ip", "2001:0db8:0000:0000:0000:ff00:0042:8329")])
        check("net 2001:db8:ac::/48 and ::ffff:192.0.2.1", [("ip", "2001:db8:ac::/48"), ("ip", "::ffff:192.0.2.1")])
        check("loopback ::1 here", [("ip", "::1")])
        // Near-misses: times, MACs, C++ scopes, too many groups.
        check("at 12:30:45 UTC", [])
        check("mac 00:1a:2b:3c:4d:5e", [("id", "00:1a:2b:3c:4d:5e")]) // a MAC, not IPv6
        check("std::vector and Foo::Bar", [])
        check("1:2:3:4:5:6:7:8:9", [])
    }

    @Test func urls() {
        check("see https://evil.example.com/a?b=c#d.", [("url", "https://evil.example.com/a?b=c#d")])
        check("(hxxps://bad.test/x)", [("url", "hxxps://bad.test/x")])
        check("share smb://fs01/share and ftp://1.2.3.4/p", [("url", "smb://fs01/share"), ("url", "ftp://1.2.3.4/p")])
        check("http://[2001:db8::1]:8080/x", [("url", "http://[2001:db8::1]:8080/x")])
        check("https://en.wikipedia.org/wiki/Foo_(bar) ok", [("url", "https://en.wikipedia.org/wiki/Foo_(bar)")])
        check("www.example.com/login?u=1, then", [("url", "www.example.com/login?u=1")])
        check("portal.example.net:8443/admin", [("url", "portal.example.net:8443/admin")])
        // CJK prose glued to a URL: the URL ends where the prose starts.
        check("C2はhxxp://203.0.113[.]88:8080。30分以内に遮断", [("url", "hxxp://203.0.113[.]88:8080")])
        check("hxxps://x.example.com/dlからダウンロード", [("url", "hxxps://x.example.com/dl")])
        check("見る（https://a.example.org/p）", [("url", "https://a.example.org/p")])
        // Near-misses.
        check("ratio 3://4 and notascheme://x", [])
        check("C:\\Windows\\System32", [])
    }

    @Test func domains() {
        check("beacon to update-check.example.com and evil.co.", [("domain", "update-check.example.com"), ("domain", "evil.co")])
        check("BAD.EXAMPLE.ORG", [("domain", "BAD.EXAMPLE.ORG")])
        check("lure from invoice-portal.zip.co", [("domain", "invoice-portal.zip.co")])
        check("münchen.de and xn--mnchen-3ya.de", [("domain", "münchen.de"), ("domain", "xn--mnchen-3ya.de")])
        check("dc01.corp.example.local", [("host", "dc01.corp.example.local")])
        check("- evil.com\n-evil.org\n—bad.net", [("domain", "evil.com"), ("domain", "evil.org"), ("domain", "bad.net")])
        // Glued to a compound word after a hyphen: the name ends at the TLD.
        check("Exfiltriert an mega[.]nz-Speicher", [("domain", "mega[.]nz")])
        check("an evil.example.com-style lure", [("domain", "evil.example.com")])
        // Near-misses: files, versions, abbreviations, dotted ids.
        check("Node.js-Modul and v1.2-beta and a file.tar-Archiv", [])
        check("opened invoice.pdf, ran payload.exe and script.ps1", [])
        check("archive report.doc.zip and notes.md and run.sh", [])
        check("e.g. this, i.e. that, U.S. law", [])
        check("version 1.2.3 and 10.4", [])
        check("sub-technique T1566.001 and obj.method", [])
    }

    @Test func defangedIndicators() {
        check("C2 evil[.]example[.]com and bad(.)co(.)uk", [("domain", "evil[.]example[.]com"), ("domain", "bad(.)co(.)uk")])
        check("from 198.51.100[.]7 and 203[.]0[.]113[.]9", [("ip", "198.51.100[.]7"), ("ip", "203[.]0[.]113[.]9")])
        check("jane[at]evil[dot]com or x[@]y[.]org", [("email", "jane[at]evil[dot]com"), ("email", "x[@]y[.]org")])
        check("hxxps://evil[.]com/x", [("url", "hxxps://evil[.]com/x")])
        // Near-misses: a bracketed dot in prose, a list marker.
        check("see [.] and file[.]pdf", [])
    }

    @Test func placeholdersAreInert() {
        check("[ORG] [PERSON] [EMAIL] [IP] [DOMAIN] [URL] [HOST] [LOCATION] [TERM]", [])
    }
}
