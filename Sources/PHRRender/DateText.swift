import PHRModel

/// Dates as a reader expects them: `23/07/2560 04:34` (day/month/year, BE or CE by era).
public struct DateText: Sendable {
    public var era: Era

    public init(era: Era) { self.era = era }

    /// `dd/mm/yyyy`, plus ` hh:mm` when the time is known.
    public func text(_ d: CivilDateTime, time: Bool = true) -> String {
        let year = era == .buddhist ? d.buddhistYear : d.year
        var s = "\(two(d.day))/\(two(d.month))/\(year)"
        if time, let h = d.hour { s += " \(two(h)):\(two(d.minute ?? 0))" }
        return s
    }

    /// A date from the server. A flagged or unparsed date is shown **as it was sent** with a
    /// warning sign, never converted, so a reader sees exactly what the source says.
    public func text(_ d: SourceDate, time: Bool = true) -> String {
        if d.flags.isEmpty, let value = d.value { return text(value, time: time) }
        let original = Sanitize.line(d.original, limit: 40)
        return original.isEmpty ? "—" : "⚠ " + original
    }

    private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
