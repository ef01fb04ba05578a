#!/usr/bin/env python3
"""Generate the synthetic incident reports the demo submits.

Usage: scripts/gen-reports.py [--check] [--out DIR]

Writes about 200 chatham.report/1 YAML documents for period 2026-10 to
examples/reports/member-NN/report-NNN.yaml, one folder per member of a
twelve-member community (each folder is what that member submits). The
output is the same byte for byte on every run: everything random comes from
one seeded generator. --check writes nothing and exits 1 if the files on
disk differ from what would be written (or if there are extra files).

Every document is validated against schema/report.schema.json (needs the
`jsonschema` package; scripts/install-deps.sh installs it) before anything
is written.

The data are invented. The mix is meant to look like a real month in a
sharing community weighted to finance (NAICS 52), health (62), utilities
(22), public administration (92) and information (51): ransomware by e-mail
attachment, phishing, use of stolen credentials, exploited public-facing
applications, business e-mail compromise, denial of service, misdelivery and
insider misuse, with ATT&CK techniques and mitigations that fit each. The
community is deliberately shaped so that the release shows both sides of the
disclosure rules: five finance members, so finance cells can reach k = 5
distinct contributors, and sectors with one to three members, whose cells
are suppressed however many reports they send. Narratives name no one: no
organisation, person, place, address or host — only tools, products, CVE ids,
counts and durations, which the scrubber keeps.

Reports carry no `id`: the CLI makes a random one when it submits, so the
files can be submitted to any number of fresh demo servers and nobody who
copies one as a template inherits a fixed id.
"""

import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(ROOT, "schema", "report.schema.json")
DEFAULT_OUT = os.path.join(ROOT, "examples", "reports")
PERIOD = "2026-10"
SEED = 20261001

# One organisation per member: its sector, size and where its incidents
# happen (mostly europe), and how many reports it sends this month. The
# counts add up to 200.
MEMBERS = [
    # sector, size,          regions (weights),                          reports
    ("52", "1001-10000",   {"europe": 1.0},                            24),
    ("52", "10001-25000",  {"europe": 0.9, "americas-north": 0.1},     22),
    ("52", "1001-10000",   {"europe": 1.0},                            18),
    ("52", "101-1000",     {"europe": 1.0},                            14),
    ("52", "50001-100000", {"europe": 0.7, "americas-north": 0.2, "asia": 0.1}, 20),
    ("62", "1001-10000",   {"europe": 1.0},                            19),
    ("62", "10001-25000",  {"europe": 1.0},                            16),
    ("62", "1001-10000",   {"europe": 1.0},                            12),
    ("22", "1001-10000",   {"europe": 1.0},                            15),
    ("22", "101-1000",     {"europe": 1.0},                            10),
    ("92", "1001-10000",   {"europe": 1.0},                            17),
    ("51", "101-1000",     {"europe": 0.8, "asia": 0.2},               13),
]

# How often each kind of incident happens, by sector.
SCENARIO_WEIGHTS = {
    "52": {"phishing": 20, "bec": 15, "stolen-creds": 15, "ransomware": 12,
           "exploit-vuln": 12, "dos": 10, "misdelivery": 10, "insider": 6},
    "62": {"ransomware": 25, "phishing": 20, "misdelivery": 20, "stolen-creds": 10,
           "insider": 10, "exploit-vuln": 10, "bec": 5},
    "22": {"ransomware": 20, "exploit-vuln": 20, "phishing": 20, "stolen-creds": 15,
           "dos": 15, "misdelivery": 5, "bec": 5},
    "92": {"dos": 25, "phishing": 20, "exploit-vuln": 15, "ransomware": 15,
           "misdelivery": 15, "stolen-creds": 5, "bec": 5},
    "51": {"exploit-vuln": 25, "stolen-creds": 20, "dos": 15, "phishing": 15,
           "ransomware": 10, "insider": 5, "bec": 5, "misdelivery": 5},
}


def pick(rng, weights):
    """A key of `weights` drawn with its weight (dict order is fixed, so this is deterministic)."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def some(rng, items, lo, hi):
    """Between lo and hi distinct items, in their original order."""
    n = rng.randint(lo, min(hi, len(items)))
    chosen = set(rng.sample(range(len(items)), n))
    return [x for i, x in enumerate(items) if i in chosen]


def mitigations(rng, options):
    """options: [(id, stage, {effective: weight}, probability of being reported)]."""
    out = []
    for mid, stage, eff, p in options:
        if rng.random() < p:
            out.append({"id": mid, "stage": stage, "effective": pick(rng, eff)})
    if not out:
        mid, stage, eff, _ = options[0]
        out.append({"id": mid, "stage": stage, "effective": pick(rng, eff)})
    return out


GOOD = {"yes": 6, "partial": 3, "no": 1}
MIXED = {"yes": 3, "partial": 4, "no": 2, "unknown": 1}
WEAK = {"yes": 1, "partial": 3, "no": 4, "unknown": 1}


# --- scenarios: each returns the report's fields except schema, period and victim

def ransomware(rng):
    family = rng.choice(["LockBit", "Akira", "BlackCat", "Play", "Black Basta", "Medusa"])
    loader = rng.choice(["Qakbot", "IcedID", "a macro-enabled document", "an ISO image with a shortcut file"])
    servers = rng.randint(2, 40)
    hours = rng.choice([6, 9, 14, 20, 30, 48])
    backups = rng.random() < 0.7
    actions = [{"category": "malware", "variety": "ransomware", "vector": "email-attachment"}]
    techniques = ["T1566.001", "T1204.002", "T1486"]
    if rng.random() < 0.6:
        actions.insert(0, {"category": "social", "variety": "phishing", "vector": "email"})
    if rng.random() < 0.5:
        techniques += ["T1490"]
    exfil = rng.random() < 0.45
    if exfil:
        actions.append({"category": "malware", "variety": "export-data", "vector": "direct-install"})
        techniques += ["T1041"]
    narrative = (
        f"A user opened an e-mail attachment ({loader}) that dropped {family} after "
        f"{rng.choice(['two', 'three', 'five', 'eight'])} days of Cobalt Strike activity. "
        f"{servers} servers and a number of workstations were encrypted. "
        + ("Restored from offline backups; " if backups else "Backups were partly encrypted too; ")
        + f"core services back after {hours} hours."
        + (" The actor claimed to have copied data and published a sample on its leak site." if exfil else "")
    )
    return {
        "actor": {"kind": "external", "motive": "financial"},
        "actions": actions,
        "techniques": techniques,
        "assets": ["server", "user-device"],
        "attributes": ["availability", "confidentiality"] if exfil else ["availability", "integrity"],
        "discovery": pick(rng, {"internal": 7, "external": 2, "partner": 1}),
        "timeline": {"dwell": pick(rng, {"days": 6, "weeks": 3, "hours": 1}),
                     "containment": pick(rng, {"hours": 3, "days": 6, "weeks": 1})},
        "impact": {"loss": pick(rng, {"100k-1m": 5, "1m-10m": 4, "10k-100k": 1, "over-10m": 1}),
                   "downtime": pick(rng, {"days": 6, "hours": 2, "weeks": 2})},
        "mitigations": mitigations(rng, [
            ("M1053", "after", {"yes": 7, "partial": 2, "no": 1} if backups else WEAK, 0.9),
            ("M1049", "before", MIXED, 0.6),
            ("M1017", "before", MIXED, 0.5),
            ("M1040", "during", GOOD, 0.35),
            ("M1030", "during", MIXED, 0.3),
            ("M1031", "during", MIXED, 0.2),
        ]),
        "narrative": narrative,
    }


def phishing(rng):
    clicks = rng.randint(3, 60)
    sent = clicks * rng.randint(4, 25)
    lure = rng.choice(["a parcel delivery notice", "a shared invoice", "an HR policy update",
                       "a voicemail notification", "a password expiry warning", "a QR code for a benefits portal"])
    mfa_blocked = rng.random() < 0.6
    aitm = rng.random() < 0.3
    actions = [{"category": "social", "variety": "phishing", "vector": "email"}]
    techniques = ["T1566.002", "T1204.001"]
    if not mfa_blocked:
        actions.append({"category": "hacking", "variety": "use-of-stolen-creds", "vector": "web-application"})
        techniques.append("T1078")
    if aitm:
        techniques.append("T1557")
    narrative = (
        f"Credential-harvesting campaign using {lure}; {sent} messages delivered, {clicks} users "
        f"entered their password on a look-alike sign-in page"
        + (" behind an adversary-in-the-middle proxy" if aitm else "")
        + ". "
        + ("Multi-factor prompts stopped every sign-in attempt." if mfa_blocked else
           f"{rng.randint(1, 4)} mailboxes were accessed before the sessions were revoked.")
    )
    return {
        "actor": {"kind": "external", "motive": "financial"},
        "actions": actions,
        "techniques": techniques,
        "assets": ["person", "user-device"] if mfa_blocked else ["person", "server"],
        "attributes": ["confidentiality"] if mfa_blocked else ["confidentiality", "integrity"],
        "discovery": pick(rng, {"internal": 8, "external": 1, "partner": 1}),
        "timeline": {"dwell": pick(rng, {"hours": 5, "minutes": 2, "days": 2}),
                     "containment": pick(rng, {"hours": 6, "minutes": 2, "days": 1})},
        "impact": {"loss": pick(rng, {"none": 4, "under-10k": 5, "10k-100k": 1}),
                   "downtime": pick(rng, {"na": 6, "hours": 2})},
        "mitigations": mitigations(rng, [
            ("M1032", "before", {"yes": 8, "partial": 2} if mfa_blocked else {"partial": 3, "no": 4}, 0.9),
            ("M1017", "before", MIXED, 0.7),
            ("M1021", "during", MIXED, 0.35),
            ("M1054", "after", GOOD, 0.2),
        ]),
        "narrative": narrative,
    }


def stolen_creds(rng):
    via = pick(rng, {"vpn": 4, "web-application": 5, "3rd-party-desktop": 1})
    source = rng.choice(["an infostealer log offered for sale", "password reuse from an old third-party breach",
                         "a password spraying run", "credentials phished earlier in the month"])
    where = {"vpn": "the remote access VPN", "web-application": "the webmail and file-sharing portal",
             "3rd-party-desktop": "an AnyDesk session left enabled for a supplier"}[via]
    techniques = ["T1078", "T1133"] if via != "web-application" else ["T1078"]
    if "spraying" in source:
        techniques.append("T1110.003")
    if via == "3rd-party-desktop":
        techniques.append("T1219")
    accounts = rng.randint(1, 6)
    narrative = (
        f"{accounts} account{'s' if accounts > 1 else ''} used to sign in to {where}; the credentials came from {source}. "
        f"Detected by impossible-travel alerts after {rng.choice(['two hours', 'a day', 'three days', 'a week'])}; "
        "passwords reset and sessions revoked."
    )
    return {
        "actor": {"kind": "external", "motive": pick(rng, {"financial": 8, "espionage": 2})},
        "actions": [{"category": "hacking", "variety": "use-of-stolen-creds", "vector": via}],
        "techniques": techniques,
        "assets": ["server"],
        "attributes": ["confidentiality"],
        "discovery": pick(rng, {"internal": 6, "external": 3, "partner": 1}),
        "timeline": {"dwell": pick(rng, {"hours": 3, "days": 5, "weeks": 2}),
                     "containment": pick(rng, {"hours": 6, "days": 2})},
        "impact": {"loss": pick(rng, {"none": 2, "under-10k": 4, "10k-100k": 3, "unknown": 1}),
                   "downtime": pick(rng, {"na": 6, "hours": 2})},
        "mitigations": mitigations(rng, [
            ("M1032", "after", GOOD, 0.85),
            ("M1036", "before", MIXED, 0.4),
            ("M1027", "before", MIXED, 0.35),
            ("M1018", "after", GOOD, 0.3),
            ("M1047", "during", MIXED, 0.3),
        ]),
        "narrative": narrative,
    }


EXPLOITS = [
    ("Citrix NetScaler", "CVE-2023-4966", "session tokens leaked and replayed"),
    ("Ivanti Connect Secure", "CVE-2024-21887", "a web shell planted on the appliance"),
    ("MOVEit Transfer", "CVE-2023-34362", "files taken from the transfer server"),
    ("PAN-OS GlobalProtect", "CVE-2024-3400", "a backdoor placed on the firewall"),
    ("Confluence Data Center", "CVE-2023-22515", "an administrator account created"),
    ("Fortinet FortiOS SSL-VPN", "CVE-2024-21762", "code run on the VPN gateway"),
]


def exploit_vuln(rng):
    product, cve, result = rng.choice(EXPLOITS)
    days = rng.choice([2, 5, 9, 14, 30, 45])
    webshell = "web shell" in result or rng.random() < 0.3
    techniques = ["T1190"] + (["T1505.003"] if webshell else [])
    if "files taken" in result:
        techniques.append("T1041")
    actions = [{"category": "hacking", "variety": "exploit-vuln", "vector": "web-application"}]
    if webshell:
        actions.append({"category": "malware", "variety": "backdoor", "vector": "web-application"})
    narrative = (
        f"Internet-facing {product} exploited through {cve} {days} days after the vendor's fix was published; "
        f"{result}. Found during threat hunting with the vendor's integrity checker; "
        "the appliance was rebuilt and all credentials on it rotated."
    )
    return {
        "actor": {"kind": "external", "motive": pick(rng, {"financial": 5, "espionage": 4, "unknown": 1})},
        "actions": actions,
        "techniques": techniques,
        "assets": ["server", "network"] if "VPN" in product or "PAN-OS" in product else ["server"],
        "attributes": ["confidentiality", "integrity"],
        "discovery": pick(rng, {"internal": 5, "external": 4, "partner": 1}),
        "timeline": {"dwell": pick(rng, {"days": 4, "weeks": 4, "months": 1}),
                     "containment": pick(rng, {"hours": 3, "days": 6})},
        "impact": {"loss": pick(rng, {"10k-100k": 4, "100k-1m": 3, "under-10k": 2, "unknown": 1}),
                   "downtime": pick(rng, {"hours": 5, "days": 2, "na": 2})},
        "mitigations": mitigations(rng, [
            ("M1051", "before", WEAK if days > 7 else MIXED, 0.9),
            ("M1016", "before", MIXED, 0.45),
            ("M1030", "during", GOOD, 0.4),
            ("M1050", "before", MIXED, 0.25),
            ("M1026", "after", GOOD, 0.25),
        ]),
        "narrative": narrative,
    }


def bec(rng):
    amount = rng.choice(["EUR 18,000", "EUR 46,500", "EUR 92,000", "EUR 240,000", "GBP 31,000", "USD 120,000"])
    recovered = rng.random() < 0.4
    hijacked = rng.random() < 0.5
    actions = [{"category": "social", "variety": "pretexting", "vector": "email"}]
    techniques = ["T1566", "T1534"]
    if hijacked:
        actions.append({"category": "hacking", "variety": "use-of-stolen-creds", "vector": "web-application"})
        techniques += ["T1078", "T1114.003"]
    narrative = (
        ("A supplier's mailbox was taken over and used to send " if not hijacked else
         "A finance mailbox was accessed with phished credentials; an inbox rule hid replies while the actor sent ")
        + f"a request to change bank details on an open invoice. {amount} was paid to a mule account"
        + (" and recovered through the bank's recall procedure." if recovered else " and not recovered.")
        + " Call-back verification of payee changes has since been made mandatory."
    )
    return {
        "actor": {"kind": pick(rng, {"external": 9, "partner": 1}), "motive": "financial"},
        "actions": actions,
        "techniques": techniques,
        "assets": ["person", "server"],
        "attributes": ["integrity", "confidentiality"] if hijacked else ["integrity"],
        "discovery": pick(rng, {"internal": 4, "external": 3, "partner": 3}),
        "timeline": {"dwell": pick(rng, {"days": 5, "weeks": 3, "hours": 1}),
                     "containment": pick(rng, {"hours": 4, "days": 3})},
        "impact": {"loss": pick(rng, {"10k-100k": 5, "100k-1m": 3, "under-10k": 1})},
        "mitigations": mitigations(rng, [
            ("M1017", "before", WEAK, 0.8),
            ("M1032", "after", GOOD, 0.5 if hijacked else 0.2),
            ("M1054", "after", GOOD, 0.3),
            ("M1047", "during", MIXED, 0.3),
        ]),
        "narrative": narrative,
    }


def dos(rng):
    gbps = rng.choice([12, 35, 80, 140, 310, 620])
    minutes = rng.choice([20, 45, 90, 180, 360])
    hacktivist = rng.random() < 0.55
    layer7 = rng.random() < 0.45
    techniques = ["T1498"] + (["T1499.002"] if layer7 else [])
    narrative = (
        (f"HTTP flood against the public website and online services, peaking at {rng.randint(200, 900)} thousand requests a second"
         if layer7 else f"Volumetric UDP and DNS reflection attack peaking at {gbps} Gbit/s")
        + f"; services degraded for {minutes} minutes until upstream scrubbing took over."
        + (" A hacktivist channel claimed the attack the same day." if hacktivist else "")
    )
    return {
        "actor": {"kind": "external", "motive": "ideology" if hacktivist else pick(rng, {"unknown": 3, "financial": 1, "fun": 1})},
        "actions": [{"category": "hacking", "variety": "dos", "vector": "web-application"}],
        "techniques": techniques,
        "assets": ["server", "network"],
        "attributes": ["availability"],
        "discovery": pick(rng, {"internal": 7, "external": 2, "partner": 1}),
        "timeline": {"dwell": pick(rng, {"minutes": 6, "seconds": 1}),
                     "containment": "hours" if minutes >= 60 else "minutes"},
        "impact": {"loss": pick(rng, {"none": 3, "under-10k": 5, "10k-100k": 2}),
                   "downtime": "hours" if minutes >= 60 else "minutes"},
        "mitigations": mitigations(rng, [
            ("M1037", "during", GOOD, 0.9),
            ("M1031", "during", MIXED, 0.35),
        ]),
        "narrative": narrative,
    }


def misdelivery(rng):
    what = rng.choice(["a spreadsheet of customer records", "a patient discharge letter", "payroll data for one department",
                       "a case file", "a claims report", "scanned identity documents"])
    how = rng.choice(["autocomplete picked the wrong recipient", "a mail merge shifted addresses by one row",
                      "the document went to an old distribution list", "a letter was posted to a previous address"])
    people = rng.randint(1, 400)
    post = "posted" in how
    narrative = (
        f"{what.capitalize()} was sent to the wrong recipient: {how}. "
        f"About {people} people affected; the recipient confirmed deletion and the case was reported to the regulator."
    )
    return {
        "actor": {"kind": "internal", "motive": "na"},
        "actions": [{"category": "error", "variety": "misdelivery", "vector": pick(rng, {"carelessness": 6, "inadequate-processes": 3, "inadequate-technology": 1})}],
        "assets": ["media"] if post else ["server", "media"],
        "attributes": ["confidentiality"],
        "discovery": pick(rng, {"internal": 4, "external": 5, "partner": 1}),
        "timeline": {"dwell": pick(rng, {"hours": 4, "days": 4, "minutes": 1}),
                     "containment": pick(rng, {"hours": 5, "days": 3})},
        "impact": {"loss": pick(rng, {"none": 5, "under-10k": 4, "10k-100k": 1})},
        "mitigations": mitigations(rng, [
            ("M1057", "after", MIXED, 0.7),
            ("M1017", "after", MIXED, 0.6),
            ("M1041", "before", GOOD, 0.2),
        ]),
        "narrative": narrative,
    }


def insider(rng):
    variety = pick(rng, {"privilege-abuse": 5, "data-mishandling": 4, "unapproved-workaround": 1})
    vector = pick(rng, {"lan-access": 5, "remote-access": 3, "non-corporate": 2})
    story = {
        "privilege-abuse": "An employee with administrative access looked up records with no business reason",
        "data-mishandling": "A departing employee copied customer files to a personal cloud storage account",
        "unapproved-workaround": "A team shared one service account to get around a slow access request",
    }[variety]
    motive = {"privilege-abuse": pick(rng, {"fun": 3, "financial": 2, "grudge": 1}),
              "data-mishandling": pick(rng, {"financial": 3, "convenience": 3, "grudge": 1}),
              "unapproved-workaround": "convenience"}[variety]
    techniques = ["T1078"] + (["T1567.002"] if variety == "data-mishandling" else ["T1213"])
    narrative = (
        f"{story}; {rng.randint(20, 3000)} records involved. Found by "
        + rng.choice(["a data loss prevention alert", "a quarterly access review", "a colleague's report", "a log review after a complaint"])
        + "; access removed and the matter handed to HR."
    )
    return {
        "actor": {"kind": "internal", "motive": motive},
        "actions": [{"category": "misuse", "variety": variety, "vector": vector}],
        "techniques": techniques,
        "assets": ["server", "user-device"],
        "attributes": ["confidentiality"],
        "discovery": pick(rng, {"internal": 8, "external": 1, "unknown": 1}),
        "timeline": {"dwell": pick(rng, {"weeks": 4, "months": 3, "days": 2}),
                     "containment": pick(rng, {"hours": 5, "days": 3})},
        "impact": {"loss": pick(rng, {"none": 2, "under-10k": 3, "10k-100k": 2, "unknown": 2})},
        "mitigations": mitigations(rng, [
            ("M1057", "during", MIXED, 0.6),
            ("M1018", "after", GOOD, 0.5),
            ("M1026", "before", MIXED, 0.4),
            ("M1047", "during", GOOD, 0.4),
        ]),
        "narrative": narrative,
    }


SCENARIOS = {
    "ransomware": ransomware, "phishing": phishing, "stolen-creds": stolen_creds,
    "exploit-vuln": exploit_vuln, "bec": bec, "dos": dos, "misdelivery": misdelivery,
    "insider": insider,
}

FIELD_ORDER = ["schema", "period", "victim", "actor", "actions", "techniques", "assets", "attributes",
               "discovery", "timeline", "impact", "mitigations", "narrative", "share_narrative"]


def make_reports():
    """{relative path: report dict} for every member, in a fixed order."""
    rng = random.Random(SEED)
    out = {}
    for m, (sector, size, regions, count) in enumerate(MEMBERS, start=1):
        for n in range(1, count + 1):
            kind = pick(rng, SCENARIO_WEIGHTS[sector])
            body = SCENARIOS[kind](rng)
            report = {
                "schema": "chatham.report/1",
                "period": PERIOD,
                "victim": {"sector": sector, "size": size, "region": pick(rng, regions)},
                **body,
                "share_narrative": rng.random() < 0.6,
            }
            report = {k: report[k] for k in FIELD_ORDER if k in report}
            out[f"member-{m:02d}/report-{n:03d}.yaml"] = report
    return out


# --- YAML output: block style at the top, flow style inside, every string that a
# YAML 1.1 or 1.2 reader could take for something else quoted.

_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", ""}


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    s = str(v)
    plain = (
        s.lower() not in _YAML_WORDS
        and s[0].isascii() and s[0].isalnum()
        and all(c.isascii() and (c.isalnum() or c in ".-") for c in s)
        and not _numeric(s)
    )
    return s if plain else json.dumps(s, ensure_ascii=False)


def _numeric(s):
    # "52" must stay a string; bands such as 1001-10000 and periods such as 2026-10
    # are strings to every YAML reader and stay plain, as in the design's example.
    for conv in (int, float):
        try:
            conv(s)
            return True
        except ValueError:
            pass
    return False


def flow(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return scalar(v)


def to_yaml(report, member, number):
    lines = [f"# Synthetic report {number:03d} of {member}, made by scripts/gen-reports.py; not a real incident."]
    for k, v in report.items():
        if k == "victim":
            lines.append("victim:")
            lines += [f"  {kk}: {scalar(vv)}" for kk, vv in v.items()]
        elif k in ("actions", "mitigations"):
            lines.append(f"{k}:")
            lines += [f"  - {flow(item)}" for item in v]
        elif isinstance(v, (dict, list)):
            lines.append(f"{k}: {flow(v)}")
        else:
            lines.append(f"{k}: {scalar(v)}")
    return "\n".join(lines) + "\n"


def validate(reports):
    try:
        import jsonschema
    except ImportError:
        sys.exit("gen-reports: error: the jsonschema package is missing; run scripts/install-deps.sh")
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path, report in reports.items():
        for err in validator.iter_errors(report):
            where = ".".join(str(p) for p in err.absolute_path) or "(root)"
            print(f"gen-reports: {path}: {where}: {err.message}", file=sys.stderr)
            bad += 1
    if bad:
        sys.exit(f"gen-reports: error: {bad} schema violations; nothing written")


def reread_check(texts, reports):
    """If PyYAML is present, make sure every file reads back to exactly the report it came from."""
    try:
        import yaml
    except ImportError:
        return
    for path, text in texts.items():
        back = yaml.safe_load(text)
        if back != reports[path]:
            sys.exit(f"gen-reports: error: {path} does not read back as written (YAML quoting bug)")


def main(argv):
    check = "--check" in argv
    out_dir = DEFAULT_OUT
    if "--out" in argv:
        i = argv.index("--out")
        if i + 1 >= len(argv):
            sys.exit("gen-reports: error: --out needs a directory")
        out_dir = argv[i + 1]
    unknown = [a for a in argv if a.startswith("-") and a not in ("--check", "--out")]
    if unknown or "-h" in argv or "--help" in argv:
        print(__doc__.strip().splitlines()[2])
        return 0 if not unknown or unknown == ["-h"] or unknown == ["--help"] else 2

    reports = make_reports()
    validate(reports)
    texts = {}
    for path, report in reports.items():
        member, name = path.split("/")
        texts[path] = to_yaml(report, member, int(name[len("report-"):-len(".yaml")]))
    reread_check(texts, reports)

    if check:
        on_disk = set()
        if os.path.isdir(out_dir):
            for d, _, files in os.walk(out_dir):
                for f in files:
                    on_disk.add(os.path.relpath(os.path.join(d, f), out_dir).replace(os.sep, "/"))
        problems = sorted(on_disk - set(texts))
        for path, text in texts.items():
            full = os.path.join(out_dir, path)
            try:
                with open(full, encoding="utf-8") as f:
                    if f.read() != text:
                        problems.append(path)
            except FileNotFoundError:
                problems.append(path)
        if problems:
            for p in problems[:10]:
                print(f"gen-reports: out of date: {p}", file=sys.stderr)
            print(f"gen-reports: {len(problems)} file(s) differ; run `make reports`", file=sys.stderr)
            return 1
        print(f"gen-reports: {len(texts)} reports up to date")
        return 0

    for path, text in texts.items():
        full = os.path.join(out_dir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
    # Remove files a previous run made that this one did not (e.g. after changing counts).
    for d, _, files in os.walk(out_dir):
        for f in files:
            rel = os.path.relpath(os.path.join(d, f), out_dir).replace(os.sep, "/")
            if rel not in texts and f.startswith("report-") and f.endswith(".yaml"):
                os.remove(os.path.join(d, f))
    print(f"gen-reports: wrote {len(texts)} reports for {len(MEMBERS)} members to {os.path.relpath(out_dir, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
