import ChathamModel

/// Human names for dimensions and values, from the shipped VERIS/ATT&CK taxonomy. A value the
/// taxonomy does not know is shown as it is.
public enum Labels {
    /// The margin marker of a release (`"*"`).
    public static let margin = "*"
    /// The value that DBIR-style frequencies leave out of n.
    public static let unknown = "unknown"

    /// "Action category" for `action.category`.
    public static func dimension(_ name: String) -> String {
        switch name {
        case "action.category": "Action"
        case "action.variety": "Action variety"
        case "victim.sector": "Sector"
        case "victim.size": "Organisation size"
        case "victim.region": "Region"
        case "technique": "ATT&CK technique"
        case "mitigation.id": "Mitigation"
        case "mitigation.effective": "Effective"
        case "actor.kind": "Actor"
        case "actor.motive": "Actor motive"
        case "discovery": "Discovery"
        case "impact.loss": "Loss"
        default: name
        }
    }

    /// A value's label. `key` gives the other dimensions of the cell, which an action variety
    /// needs (its enumeration depends on the category).
    public static func value(_ dimension: String, _ value: String, key: [String: String] = [:]) -> String {
        if value == margin { return "All" }
        if value == unknown { return "Unknown" }
        let taxonomy = Taxonomy.shared
        switch dimension {
        case "victim.sector":
            if let name = taxonomy.label(dimension, value) { return "\(value) \(name)" }
        case "technique":
            if let name = taxonomy.techniqueName(value) { return "\(value) \(name)" }
        case "mitigation.id":
            if let name = taxonomy.mitigationName(value) { return "\(value) \(name)" }
        case "action.variety":
            if let category = key["action.category"], let name = taxonomy.label("action.variety.\(category)", value) { return name }
        default:
            if let name = taxonomy.label(dimension, value) { return name }
        }
        return value
    }

    /// The position of a value in its enumeration, for dimensions with a natural order (sizes,
    /// loss bands); nil where counts decide the order.
    static func ordinal(_ dimension: String, _ value: String) -> Int? {
        guard ["victim.size", "impact.loss", "mitigation.effective"].contains(dimension) else { return nil }
        return Taxonomy.shared.values(dimension).firstIndex(of: value)
    }
}
