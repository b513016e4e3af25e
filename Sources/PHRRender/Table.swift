/// A plain-text table sized to the terminal: columns get their natural width; when the whole
/// does not fit, optional columns are dropped (rightmost first), then flexible columns (free
/// text) shrink and cut their cells with `…`. A row may carry a note, printed on indented lines
/// below it (data-quality reasons, one per line, wrapped), so notes never squeeze the columns.
public struct Table: Sendable {
    /// One column: a header, whether numbers align right, whether it may shrink, and whether
    /// it may be left out in a narrow terminal.
    public struct Column: Sendable {
        public var header: String
        public var alignRight: Bool
        public var flexible: Bool
        public var optional: Bool

        public init(_ header: String, alignRight: Bool = false, flexible: Bool = false, optional: Bool = false) {
            self.header = header; self.alignRight = alignRight; self.flexible = flexible; self.optional = optional
        }
    }

    public var columns: [Column]
    /// Cells, already sanitized; one array per row, as many cells as columns.
    public var rows: [[String]]
    /// One note per row ("" for none), shown under the row; `\n` separates its lines.
    public var notes: [String]

    public init(columns: [Column], rows: [[String]] = [], notes: [String]? = nil) {
        self.columns = columns
        self.rows = rows
        self.notes = notes ?? Array(repeating: "", count: rows.count)
    }

    /// The table as lines no wider than `width` (header, rule, rows and their notes).
    public func render(width: Int, bold: Bool = false) -> String {
        let gap = 2
        var shown = Array(columns.indices)
        func natural(_ i: Int) -> Int { rows.reduce(TextWidth.columns(columns[i].header)) { max($0, TextWidth.columns($1[i])) } }
        var widths = Dictionary(uniqueKeysWithValues: shown.map { ($0, natural($0)) })
        func total() -> Int { shown.map { widths[$0]! }.reduce(0, +) + gap * (shown.count - 1) }
        func minimum() -> Int { shown.map { columns[$0].flexible ? min(8, widths[$0]!) : widths[$0]! }.reduce(0, +) + gap * (shown.count - 1) }
        while minimum() > width, let drop = shown.last(where: { columns[$0].optional }) {
            shown.removeAll { $0 == drop }
        }
        // Shrink the widest flexible column until the table fits (or flexible columns hit 8).
        while total() > width {
            guard let i = shown.filter({ columns[$0].flexible && widths[$0]! > 8 }).max(by: { widths[$0]! < widths[$1]! })
            else { break }
            widths[i] = max(8, widths[i]! - (total() - width))
        }
        func line(_ cells: [String]) -> String {
            var s = ""
            for (n, i) in shown.enumerated() {
                let last = n == shown.count - 1
                s += last && !columns[i].alignRight ? TextWidth.fit(cells[i], widths[i]!) : TextWidth.pad(cells[i], widths[i]!, right: columns[i].alignRight)
                if !last { s += String(repeating: " ", count: gap) }
            }
            return TextWidth.fit(s, width)
        }
        let header = line(columns.map(\.header))
        var out = (bold ? "\u{1B}[1m" + header + "\u{1B}[0m" : header) + "\n"
        out += String(repeating: "─", count: min(width, total())) + "\n"
        for (row, note) in zip(rows, notes) {
            out += line(row) + "\n"
            // One line per problem; a long one wraps under itself rather than being cut.
            for problem in note.split(separator: "\n") {
                for (n, part) in TextWidth.wrap(String(problem), max(10, width - 6)).enumerated() {
                    out += (n == 0 ? "    " : "      ") + part + "\n"
                }
            }
        }
        return out
    }
}
