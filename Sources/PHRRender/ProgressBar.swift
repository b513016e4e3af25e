/// A one-line progress bar for a TTY: `[██████░░░░░░]  52%  1040/2000  VitalSign`.
///
/// Pure: it returns the line; the caller writes it after a carriage return and decides
/// whether the output is a terminal at all (no bar when it is not, or with `--quiet`).
public struct ProgressBar: Sendable {
    /// Columns available for the whole line.
    public var width: Int

    public init(width: Int = 80) {
        self.width = max(width, 30)
    }

    /// The line for `done` of `total`, with `label` cut to fit.
    public func line(done: Int, total: Int, label: String) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let numbers = " \(String(Int(fraction * 100)).leftPadded(3))%  \(done)/\(total)  "
        let barWidth = max(10, min(40, width - numbers.count - 20))
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) + "]"
        let room = max(0, width - 1 - bar.count - numbers.count)
        let cleanLabel = String(label.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(room).map(Character.init))
        return bar + numbers + cleanLabel
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}
