/// A plain-text table sized to the terminal: columns get their natural width, and when the
/// whole does not fit, the flexible columns (free text) shrink and cut their cells with `…`.
public struct Table: Sendable {
    /// One column: a header, whether numbers align right, and whether it may shrink.
    public struct Column: Sendable {
        public var header: String
        public var alignRight: Bool
        public var flexible: Bool

        public init(_ header: String, alignRight: Bool = false, flexible: Bool = false) {
            self.header = header; self.alignRight = alignRight; self.flexible = flexible
        }
    }

    public var columns: [Column]
    /// Cells, already sanitized; one array per row, as many cells as columns.
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The table as lines no wider than `width` (header, rule, rows).
    public func render(width: Int, bold: Bool = false) -> String {
        let gap = 2
        var widths = columns.indices.map { i in
            rows.reduce(TextWidth.columns(columns[i].header)) { max($0, TextWidth.columns($1[i])) }
        }
        let total = { widths.reduce(0, +) + gap * (widths.count - 1) }
        // Shrink the widest flexible column until the table fits (or flexible columns hit 8).
        while total() > width {
            guard let i = widths.indices.filter({ columns[$0].flexible && widths[$0] > 8 }).max(by: { widths[$0] < widths[$1] })
            else { break }
            widths[i] = max(8, widths[i] - (total() - width))
        }
        func line(_ cells: [String]) -> String {
            var s = ""
            for (i, cell) in cells.enumerated() {
                let last = i == cells.count - 1
                let padded = TextWidth.pad(cell, widths[i], right: columns[i].alignRight)
                s += last && !columns[i].alignRight ? TextWidth.fit(cell, widths[i]) : padded
                if !last { s += String(repeating: " ", count: gap) }
            }
            return s
        }
        let header = line(columns.map(\.header))
        var out = (bold ? "\u{1B}[1m" + header + "\u{1B}[0m" : header) + "\n"
        out += String(repeating: "─", count: min(width, total())) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
