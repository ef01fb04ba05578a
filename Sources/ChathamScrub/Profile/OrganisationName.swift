import Foundation

/// The distinctive part of an organisation's name.
///
/// Narratives rarely spell a member's full legal name: "Northgate General
/// Hospital" is "Northgate" in the next sentence, "Stadtwerke Rheinfeld AG"
/// is "Rheinfeld", "Banque Lumière SA" is "Lumière". What is left once the
/// words every organisation of its kind carries (bank, hospital, group,
/// insurance, Stadtwerke, companhia, …) and joining words are taken off both
/// ends still names the member, so the profile looks for it too — as a whole
/// word, with its own letters (no look-alike folding), like a person's
/// surname.
///
/// A one-word core must be a real name: four letters or more and not a
/// common word of the narrative languages (`Names.stop`), so "First National
/// Bank" yields nothing rather than "First" (also listed as generic).
enum OrganisationName {
    /// The cores of `name` that differ from the name itself (at most one
    /// today; an array so a later rule can add more without a new call site).
    static func cores(_ name: String) -> [String] {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard words.count > 1 else { return [] }
        guard let first = words.firstIndex(where: { !isGeneric($0) }),
              let last = words.lastIndex(where: { !isGeneric($0) }) else { return [] }
        let core = Array(words[first...last])
        guard core.count < words.count else { return [] }
        if core.count == 1 {
            let word = core[0]
            let letters = word.unicodeScalars.filter { ScalarClass.isAnyAlnum($0) }.count
            guard letters >= 4, !common.contains(folded(word)) else { return [] }
        }
        return [core.joined(separator: " ")]
    }

    static func isGeneric(_ word: String) -> Bool {
        let w = folded(word)
        return generic.contains(w) || Vocabulary.legalSuffixes.contains(w) || w.isEmpty
    }

    /// Lower case, accents off, trailing dots and "&" alone dropped ("S.A." → "sa").
    static func folded(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .filter { $0 != "." && $0 != "&" }
    }

    /// Words that say what kind of organisation it is, or join words, in
    /// the narrative languages (folded: lower case, no accents).
    static let generic: Set<String> = [
        // English.
        "the", "of", "and", "for", "bank", "bancorp", "banking", "financial", "finance", "group", "holdings",
        "holding", "hospital", "hospitals", "health", "healthcare", "trust", "nhs", "foundation", "clinic",
        "clinics", "medical", "centre", "center", "university", "college", "school", "insurance", "assurance",
        "mutual", "energy", "power", "utilities", "utility", "water", "gas", "electric", "electricity",
        "telecom", "telecoms", "communications", "services", "systems", "solutions", "technologies",
        "technology", "international", "global", "national", "general", "royal", "regional", "community",
        "county", "city", "council", "authority", "partners", "capital", "credit", "union", "savings",
        "building", "society", "pharmacy", "care", "network", "networks", "company", "logistics", "airport",
        "airlines", "railway", "railways", "port", "ports", "municipal", "district", "state", "federal",
        "first", "central", "united", "commercial", "cooperative", "co-operative", "standard",
        // German.
        "der", "die", "das", "und", "fur", "klinikum", "krankenhaus", "kliniken", "klinik", "stadtwerke",
        "werke", "versicherung", "versicherungen", "sparkasse", "gruppe", "energie", "netz", "netze",
        "gesellschaft", "verwaltung", "stiftung", "universitat", "universitaet", "logistik", "landesbank",
        "volksbank", "kreissparkasse", "stadt", "gemeinde",
        // French.
        "de", "du", "des", "la", "le", "les", "et", "l", "d", "hopital", "banque", "assurances", "groupe",
        "clinique", "hospitalier", "universitaire", "mutuelle", "societe", "caisse", "centrale", "regionale",
        "mutualiste", "compagnie", "ville", "departement",
        // Portuguese.
        "do", "da", "dos", "e", "banco", "seguros", "seguradora", "grupo", "energia", "companhia",
        "geral", "servicos", "clinica", "centro", "saude", "hospitalar", "cidade", "caixa",
    ]

    /// Common words a one-word core may not be.
    static let common: Set<String> = Set(Names.stop.map { folded($0) })
}
