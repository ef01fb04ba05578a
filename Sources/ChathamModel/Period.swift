import Foundation

/// A calendar month, `YYYY-MM`: the only time a report keeps.
///
/// Years run from 2000 to 2100; anything else is a typo, not an incident.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public static let yearRange = 2000...2100

    public let year: Int
    /// 1…12.
    public let month: Int

    /// Parses exactly `YYYY-MM` (four digits, hyphen, two digits).
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 7, u[4] == UInt8(ascii: "-"),
              let year = Self.number(u[0..<4]), let month = Self.number(u[5..<7]) else { return nil }
        self.init(year: year, month: month)
    }

    public init?(year: Int, month: Int) {
        guard Self.yearRange.contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// The quarter this month belongs to; credentials are issued per quarter.
    public var epoch: Epoch { Epoch(validYear: year, quarter: (month - 1) / 3 + 1) }

    /// The month before, or nil before January 2000.
    public var previous: Period? {
        month == 1 ? Period(year: year - 1, month: 12) : Period(year: year, month: month - 1)
    }

    /// The month after, or nil after December 2100.
    public var next: Period? {
        month == 12 ? Period(year: year + 1, month: 1) : Period(year: year, month: month + 1)
    }

    /// The month containing `date`, in UTC; nil outside the supported years.
    public init?(containing date: Date) {
        let c = utcCalendar.dateComponents([.year, .month], from: date)
        self.init(year: c.year!, month: c.month!)
    }

    public var description: String {
        "\(year)-" + (month < 10 ? "0" : "") + "\(month)"  // years are 2000…2100: always four digits
    }

    public static func < (a: Period, b: Period) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let p = Period(text) else {
            throw ValidationError(at: fieldPath(decoder.codingPath), "\"\(text)\" is not a month in the form YYYY-MM")
        }
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for d in digits {
            guard d >= 0x30, d <= 0x39 else { return nil }
            v = v * 10 + Int(d - 0x30)
        }
        return v
    }
}

/// A calendar quarter, `YYYY-Qn`: the lifetime of a membership credential and so of a
/// member's pseudonym.
public struct Epoch: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    /// 1…4.
    public let quarter: Int

    /// Parses exactly `YYYY-Qn`, n in 1…4, year 2000…2100.
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 7, u[4] == UInt8(ascii: "-"), u[5] == UInt8(ascii: "Q"),
              let year = Period.number(u[0..<4]), let q = Period.number(u[6..<7]) else { return nil }
        self.init(year: year, quarter: q)
    }

    public init?(year: Int, quarter: Int) {
        guard Period.yearRange.contains(year), (1...4).contains(quarter) else { return nil }
        self.init(validYear: year, quarter: quarter)
    }

    init(validYear: Int, quarter: Int) {
        self.year = validYear
        self.quarter = quarter
    }

    /// The quarter containing `date`, in UTC.
    ///
    /// Not failable, so the year is whatever the clock says; a clock outside 2000…2100 gives
    /// an epoch that `Epoch(_:)` would refuse to parse.
    public init(containing date: Date) {
        let c = utcCalendar.dateComponents([.year, .month], from: date)
        self.init(validYear: c.year!, quarter: (c.month! - 1) / 3 + 1)
    }

    public var description: String { "\(year)-Q\(quarter)" }

    /// The quarter before.
    public var previous: Epoch {
        quarter == 1 ? Epoch(validYear: year - 1, quarter: 4) : Epoch(validYear: year, quarter: quarter - 1)
    }

    /// The quarter after.
    public var next: Epoch {
        quarter == 4 ? Epoch(validYear: year + 1, quarter: 1) : Epoch(validYear: year, quarter: quarter + 1)
    }

    /// Its three months, in order (empty if the year is outside `Period.yearRange`).
    public var periods: [Period] {
        (1...3).compactMap { Period(year: year, month: (quarter - 1) * 3 + $0) }
    }

    public static func < (a: Epoch, b: Epoch) -> Bool { (a.year, a.quarter) < (b.year, b.quarter) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let e = Epoch(text) else {
            throw ValidationError(at: fieldPath(decoder.codingPath), "\"\(text)\" is not a quarter in the form YYYY-Qn")
        }
        self = e
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Gregorian in UTC: months and quarters must not depend on the machine's time zone.
private let utcCalendar: Calendar = {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "UTC")!
    return c
}()
