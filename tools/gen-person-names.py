#!/usr/bin/env python3
"""Writes Sources/ChathamScrub/Detectors/PersonNames.swift: given names and
surnames of many languages (Latin script) that PersonDetector takes for a
person on their own ("handover - Olamide to Radomir", "Kowalczyk from fraud
confirmed"), taken from the person providers of Faker
(MIT licence, see NOTICE), minus every name that is also something else a
narrative needs to keep:

- an ordinary English word (the lower-case SCOWL words, as EnglishWords.swift:
  Will, May, Grace, Mark, Rose),
- a common word of the Faker lorem lists (German, French, Portuguese, Spanish,
  Italian … nouns such as "Rosa", "Paz", "Luz"),
- a city, state or country of any Faker address provider (Georgia, Sofia,
  Florence, Lima, Victoria),
- a word of the built-in keep vocabulary (malware, tools, actors, products:
  Vidar, Ragnar, Akira, Tor) — checked at run time too,
- the hand-made exclusions below (products, services and words of the
  security trade that Faker lists as names),
- names shorter than four letters (Ada, Eli, Kai: too many collide with
  abbreviations and code names).

The curated lexicon in Names.swift stays as it is; this list adds to it.

    pip download faker --no-deps -d /tmp/fk && cd /tmp/fk && unzip -o faker-*.whl
    apt-get install wamerican wbritish
    python3 tools/gen-person-names.py /tmp/fk
"""
import importlib
import pkgutil
import re
import sys
import unicodedata

OUT = "Sources/ChathamScrub/Detectors/PersonNames.swift"
DICTS = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]

# Faker lists these as given names; in a security narrative they are
# products, services, tools, teams or ordinary words of the trade.
EXCLUDE = set("""
Alexa Cortana Siri Django Jasmine Jenkins Kafka Nginx Ansible Sentinel Falcon Cortex Prisma Harmony
Merlin Lorenz Vidar Ragnar Akira Conti Medusa Hermes Zeus Apollo Athena Hydra Titan Orion Atlas Phoenix
Nova Luna Stella Aurora Iris Echo Juno Electra Neptune Jupiter Mercury Venus Pluto Saturn Triton
Kali Julia Ruby Crystal Perl Scala Kotlin Dart Elixir Rust Swift Pascal Ada Haskell Delphi Fortran
Victoria Georgia Florence Sofia Sydney Austin Dallas Houston Chelsea Kent Devon Sharon Lincoln Jordan
Cameron Madison Savannah Brooklyn Phoenix Dakota Carolina Virginia Asia Africa America India China
Eugene Regina Adelaide Alexandria Valencia Santiago Lima Paris London Berlin Vienna Geneva Siena
Mercedes Porsche Ferrari Lancia Skoda Tesla Toyota Honda Mazda Lexus Volvo Opel Seat Dacia Audi
Oracle Cisco Dell Nokia Siemens Bosch Philips Bayer Merck Amazon Google Apple Adobe Sophos Avast Norton
Alpha Beta Gamma Delta Sigma Omega Kappa Lambda Zeta Theta
Monday Tuesday Friday Sunday January April June July August Augusta
Admin Root Guest Service System Support Security Office Cloud Edge Chrome Teams Azure
Cobalt Ember Blaze Storm Sky Rain Snow Frost Winter Summer Autumn Spring Dawn Sunny Star Ocean River
Bluebird Robin Raven Wren Falcon Hawk Fox Wolf Bear Lynx Tiger Lion
Darwin Hurd Catalina Mojave Sierra Ventura Sonoma Sequoia Monterey Tahoe Yosemite Maverick Leopard
Fedora Gentoo Alpine Rocky Alma Kali Debian Ubuntu Mandriva Slackware Trixie Jessie Wheezy Lenny Sarge Woody
Jammy Focal Noble Bionic Xenial Trusty Precise Lucid Hardy Karmic Jaunty Intrepid Gutsy Feisty Edgy Dapper
Vala Erlang Elixir Clojure Haskell Pascal Fortran Cobol Lisp Scheme Prolog Ocaml Zig Nim Julia Ruby Perl Lua
Vivaldi Opera Brave Safari Mozilla Thunderbird Seamonkey Konqueror Epiphany Midori
Wayland Weston Gnome Plasma Xfce Sway Mutter Marco Cinnamon Mate Budgie Deepin
Huffman Dijkstra Turing Lovelace Boole Euler Gauss Fourier Kalman Bayes Markov Laplace Newton Fibonacci
Borland Novell Xerox Compaq Gateway Motorola Ericsson Nokia Lenovo Fujitsu Toshiba Hitachi Ricoh Kyocera
Travis Heroku Vercel Netlify Docker Kubernetes Nomad Consul Vault Puppet Chef Salt Terraform Packer Vagrant
Cassandra Redis Hadoop Kafka Spark Flink Hive Presto Trino Druid Pinot Kibana Logstash Grafana Loki Mimir
Prometheus Thanos Jaeger Zipkin Istio Envoy Linkerd Caddy Traefik Varnish Squid Exim Dovecot Postfix Sendmail
Moodle Canvas Blackboard Joomla Drupal Magento Shopify Odoo Xero Sage Cerner Meditech Allscripts Epic
Wireshark Zeek Suricata Snort Nessus Burp Hashcat Maltego Shodan Censys Sherlock Hydra Ncrack
Proc Repo Hollywood Boston Bollywood Dorado Eldorado Hermes Ares Artemis Demeter Gaia Osiris Isis Horus Anubis
Emotet Ryuk Conti Maze Egregor Babuk Akira Medusa Rhysida Lorenz Ragnar Vidar Lumma Remcos Amadey Raccoon
Stealc Mamba Tycoon Sneaky Greatness Caffeine Storm Mirai Gafgyt Mozi Dridex Ursnif Gozi Zloader Pikabot
Hirschmann Moxa Belden Siemens Rockwell Honeywell Emerson Yokogawa Omron Mitsubishi Beckhoff Wago Phoenix
Amos Assa Baxter Dragos Emis Fritz Kingston Olivetti Taurus Thales Viking Paxton Nozomi Arista Vectra Datto
""".split())

NATIONALITIES = set("""
english british scottish welsh irish american canadian australian german french spanish catalan basque
portuguese brazilian italian dutch flemish belgian swiss austrian danish swedish norwegian finnish icelandic
polish czech slovak hungarian romanian bulgarian greek turkish russian ukrainian belarusian serbian croatian
bosnian slovenian albanian macedonian estonian latvian lithuanian maltese cypriot arab arabic persian hebrew
israeli egyptian moroccan algerian tunisian nigerian ghanaian kenyan ethiopian somali african indian pakistani
bengali tamil hindi urdu punjabi gujarati chinese japanese korean vietnamese thai malay indonesian filipino
mexican argentine chilean peruvian colombian cuban jamaican haitian armenian georgian azerbaijani kazakh
uzbek mongolian tibetan nepali sinhala swahili zulu xhosa yoruba igbo hausa akan amharic latin
""".split())

NAME = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")


def latin_letters(word):
    """Decomposes accents so "Jürgen" is checked as "Jurgen" for its shape."""
    base = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return base.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L") \
               .replace("đ", "d").replace("Đ", "D").replace("æ", "ae").replace("ı", "i").replace("œ", "oe")


def words_of(value):
    if isinstance(value, dict):
        return list(value.keys())
    if isinstance(value, (list, tuple, set)):
        return list(value)
    return []


def main():
    if len(sys.argv) > 1:
        sys.path.insert(0, sys.argv[1])
    import faker
    import faker.providers.person as person
    import faker.providers.address as address
    import faker.providers.lorem as lorem

    english = set()
    for path in DICTS:
        with open(path, encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                if w and w == w.lower():
                    english.add(w)

    common = set()
    for m in pkgutil.iter_modules(lorem.__path__):
        mod = importlib.import_module(f"faker.providers.lorem.{m.name}")
        for attr in ("word_list", "parts_of_speech"):
            v = getattr(mod.Provider, attr, None)
            if isinstance(v, dict):
                for part in v.values():
                    common.update(w.lower() for w in words_of(part))
            else:
                common.update(w.lower() for w in words_of(v))

    places = set()
    for m in pkgutil.iter_modules(address.__path__):
        mod = importlib.import_module(f"faker.providers.address.{m.name}")
        for attr in ("cities", "countries", "states", "city_names", "provinces", "regions", "municipality_names",
                     "city_name", "cities_with_postcode"):
            for w in words_of(getattr(mod.Provider, attr, None)):
                if isinstance(w, str):
                    for part in re.split(r"[\s,/()]+", w):
                        places.add(part.lower())

    # Languages and nationalities ("English", "German", "Catalan" are surnames too).
    languages = set()
    for m in pkgutil.iter_modules(person.__path__):
        mod = importlib.import_module(f"faker.providers.person.{m.name}")
        for w in words_of(getattr(mod.Provider, "language_names", None)):
            if isinstance(w, str):
                languages.update(part.lower() for part in re.split(r"[\s,/()-]+", w) if part)
    languages.update(NATIONALITIES)
    places.update(languages)

    keep = set()
    with open("Sources/ChathamScrub/Detectors/Vocabulary.swift", encoding="utf-8") as f:
        body = f.read()
    block = body[body.index("static let keepNames"):body.index("static let keepWords")]
    for name in re.findall(r'"([^"]+)"', block):
        keep.update(part.lower() for part in name.split())

    def accept(w):
        """The name and its ASCII spelling, or nothing if it is something else too."""
        w = unicodedata.normalize("NFC", w.strip())
        if not NAME.match(latin_letters(w)) or len(w) < 4:
            return []
        low = w.lower()
        parts = low.split("-")
        if any(p in english or latin_letters(p) in english for p in parts):
            return []
        if low in common or low in places or latin_letters(low) in places or low in keep:
            return []
        if w in EXCLUDE or latin_letters(w) in EXCLUDE:
            return []
        out = [w]
        ascii_form = latin_letters(w)
        if ascii_form != w and NAME.match(ascii_form) and ascii_form.lower() not in english:
            out.append(ascii_form)
        return out

    names, surnames = set(), set()
    for m in pkgutil.iter_modules(person.__path__):
        mod = importlib.import_module(f"faker.providers.person.{m.name}")
        for attr, value in vars(mod.Provider).items():
            into = names if "first_name" in attr else surnames if "last_name" in attr else None
            if into is None:
                continue
            for w in words_of(value):
                if not isinstance(w, str):
                    continue
                into.update(accept(w))
                # Polish surnames in -ski, -cki, -dzki have a feminine form in -ska …
                for male, female in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
                    if into is surnames and w.endswith(male):
                        into.update(accept(w[: -len(male)] + female))
    # A word that is both stays a given name (the stronger rule).
    surnames -= names

    def block(words):
        lines, line = [], ""
        for w in sorted(words):
            if len(line) + len(w) + 1 > 100:
                lines.append(line)
                line = ""
            line = f"{line} {w}" if line else w
        if line:
            lines.append(line)
        return "".join(f"    {l}\n" for l in lines)

    def lists(f, prefix, words, what):
        plain = [w for w in words if w.isascii()]
        accented = [w for w in words if not w.isascii()]
        f.write(f"    /// {what} in ASCII letters, separated by spaces and line breaks.\n")
        f.write(f'    static let {prefix}ASCII = """\n' + block(plain) + '    """\n\n')
        f.write(f"    /// {what} with letters outside ASCII (accents, ß, ł …).\n")
        f.write(f'    static let {prefix}Accented = """\n' + block(accented) + '    """\n')

    version = getattr(faker, "VERSION", "?")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(f"// Generated by tools/gen-person-names.py from the person providers of Faker {version}\n")
        f.write(f"// (MIT licence, Copyright (c) 2012 Daniele Faraglia; see NOTICE): {len(names)} given names and {len(surnames)} surnames in Latin\n")
        f.write("// script that are no English or other common word, place, or keep-vocabulary name.\n")
        f.write("// Do not edit.\n\n")
        f.write("enum PersonNames {\n")
        lists(f, "given", names, "Given names")
        f.write("\n")
        lists(f, "surname", surnames, "Surnames (none of them also a given name here)")
        f.write("}\n")
    print(f"{OUT}: {len(names)} given names, {len(surnames)} surnames", file=sys.stderr)


if __name__ == "__main__":
    main()
