import PHRModel

/// A blood pressure reading's numbers as given at the kiosk — typed on the keypad or printed by
/// the BP device — before any check.
public struct BPInput: Equatable, Sendable {
    public var systolic: String
    public var diastolic: String
    /// Empty when no pulse was given.
    public var pulse: String

    public init(systolic: String, diastolic: String, pulse: String = "") {
        self.systolic = systolic; self.diastolic = diastolic; self.pulse = pulse
    }

    /// The reading, read and checked exactly as `phr measure add bp SYS/DIA --pulse P` does
    /// (``SelfReading``), without `--force`: an unusual value is refused too, since nobody at a
    /// kiosk can confirm that it is real.
    public func reading() throws(SelfReading.Problem) -> SelfReading {
        var pulseValue: Double?
        if !pulse.isEmpty {
            guard let value = Double(pulse), value.isFinite else { throw .unreadable(kind: .bp, text: pulse) }
            pulseValue = value
        }
        let reading = try SelfReading(kind: .bp, text: systolic + "/" + diastolic, pulse: pulseValue)
        try reading.check(force: false)
        return reading
    }

    /// What the BP device printed (docs/kiosk.md, "The BP device"): exactly one line
    /// `SYS/DIA` or `SYS/DIA PULSE`, each a number of ASCII digits with at most one decimal
    /// part, at most 64 bytes; nil for anything else (words, units, several lines, signs,
    /// exponents, nothing at all).
    public init?(deviceOutput text: String) {
        guard text.utf8.count <= 64 else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 1 || (lines.count == 2 && lines[1].isEmpty) else { return nil }
        let fields = lines[0].split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(fields.count) else { return nil }
        let pressure = fields[0].split(separator: "/", omittingEmptySubsequences: false)
        guard pressure.count == 2 else { return nil }
        let numbers = pressure + fields.dropFirst()
        guard numbers.allSatisfy(Self.isPlainNumber) else { return nil }
        self.init(systolic: String(pressure[0]), diastolic: String(pressure[1]), pulse: fields.count == 2 ? String(fields[1]) : "")
    }

    /// `120`, `120.5`: ASCII digits, one optional decimal part, nothing else.
    static func isPlainNumber(_ s: Substring) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.count <= 6 && $0.utf8.allSatisfy { (48...57).contains($0) } }
    }
}

/// The BP measurement of one kiosk visit: each reading offered (typed or from the device) is
/// checked; a refusal says why and lets the citizen try again, at most ``tries`` times in all,
/// then the measurement ends without a reading.
public struct BPEntry: Sendable {
    public static let tries = 3

    /// What the kiosk does next.
    public enum Step: Sendable {
        /// A reading that passed the checks: show it and ask "send?".
        case confirm(SelfReading)
        /// Refused: say why and ask again (`triesLeft` more).
        case askAgain(SelfReading.Problem, triesLeft: Int)
        /// Refused the last time: say why, back to the menu, nothing saved.
        case giveUp(SelfReading.Problem)
    }

    public private(set) var refusals = 0

    public init() {}

    public mutating func offer(_ input: BPInput) -> Step {
        do throws(SelfReading.Problem) {
            return .confirm(try input.reading())
        } catch {
            refusals += 1
            return refusals >= Self.tries ? .giveUp(error) : .askAgain(error, triesLeft: Self.tries - refusals)
        }
    }
}
