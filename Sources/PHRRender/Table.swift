/// A plain-text table that never loses a value, whatever the width.
///
/// Each column gets its natural width. When the whole does not fit `width`, in this order:
/// 1. headers break at their spaces ("Weight kg" over two lines);
/// 2. on a screen, a column with a `shorten` rule (the unit: ``UnitName``) writes its cells short;
/// 3. on a screen, optional columns leave the row (rightmost first) and are printed under it as
///    "Header value · Header value";
/// 4. flexible columns (free text) narrow, down to 12 columns or their natural width, and their
///    cells wrap onto more lines of the same row — a cell is never cut;
/// 5. on a screen, when even that does not fit, each row becomes a block of "Header: value"
///    lines. A file (``Medium/file``) never shortens or moves a column: its lines grow wider.
///
/// A row may carry a note, printed on indented lines below it (data-quality reasons, one per
/// line, wrapped), so notes never squeeze the columns.
public struct Table: Sendable {
    /// One column: a header, whether numbers align right, whether it may narrow (its cells
    /// wrap), whether it may leave the row in a narrow terminal, and how its cells are written
    /// short on a narrow screen.
    public struct Column: Sendable {
        public var header: String
        public var alignRight: Bool
        public var flexible: Bool
        public var optional: Bool
        public var shorten: (@Sendable (String) -> String)?

        public init(_ header: String, alignRight: Bool = false, flexible: Bool = false, optional: Bool = false,
                    shorten: (@Sendable (String) -> String)? = nil) {
            self.header = header; self.alignRight = alignRight; self.flexible = flexible; self.optional = optional
            self.shorten = shorten
        }

        /// Whether a file keeps each cell on one line at full width: a column a screen writes
        /// short (the unit) is written whole in a file, so a reader can search it.
        public var wholeInFiles: Bool { shorten != nil }
    }

    /// Where the table goes: a screen keeps to its width; a file keeps every cell whole.
    public enum Medium: Sendable { case screen, file }

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

    /// The narrowest a flexible column gets: room for a hcode in brackets and a few letters.
    static let flexibleMinimum = 12
    static let gap = 2

    /// The table as lines no wider than `width` on a screen (header, rule, rows, the columns
    /// that left the row, notes); a file's lines may be wider, never cut.
    public func render(width: Int, bold: Bool = false, medium: Medium = .screen) -> String {
        var cells = rows
        var compactHeaders = false
        var shown = Array(columns.indices)
        var moved: [Int] = []
        func headerWidth(_ i: Int) -> Int {
            compactHeaders ? columns[i].header.split(separator: " ").map { TextWidth.columns(String($0)) }.max() ?? 0
                : TextWidth.columns(columns[i].header)
        }
        func natural(_ i: Int) -> Int { cells.reduce(headerWidth(i)) { max($0, TextWidth.columns($1[i])) } }
        func narrowable(_ i: Int) -> Bool { columns[i].flexible && !(medium == .file && columns[i].wholeInFiles) }
        func least(_ i: Int) -> Int { narrowable(i) ? min(Self.flexibleMinimum, natural(i)) : natural(i) }
        func sum(_ w: (Int) -> Int) -> Int { shown.map(w).reduce(0, +) + Self.gap * max(0, shown.count - 1) }

        if sum(natural) > width { compactHeaders = true }
        if sum(natural) > width, medium == .screen {
            for i in columns.indices { if let shorten = columns[i].shorten { for r in cells.indices { cells[r][i] = shorten(cells[r][i]) } } }
            compactHeaders = false
            if sum(natural) > width { compactHeaders = true }
        }
        while medium == .screen, sum(least) > width, let drop = shown.last(where: { columns[$0].optional }) {
            shown.removeAll { $0 == drop }
            moved.insert(drop, at: 0)
        }
        var widths = Dictionary(uniqueKeysWithValues: shown.map { ($0, natural($0)) })
        // Narrow the widest flexible column a column at a time until the table fits (or each is at
        // its least): wide free text gives way first, and narrowed columns end up alike.
        while sum({ widths[$0]! }) > width,
              let i = shown.filter({ narrowable($0) && widths[$0]! > least($0) }).max(by: { widths[$0]! < widths[$1]! }) {
            widths[i]! -= 1
        }
        if medium == .screen, sum({ widths[$0]! }) > width { return blocks(cells, width: width, bold: bold) }

        func line(_ row: [String], header: Bool = false) -> String {
            let parts = shown.map { i in
                compactHeaders && header || narrowable(i) ? TextWidth.wrap(row[i], widths[i]!) : [row[i]]
            }
            let height = parts.map(\.count).max() ?? 1
            return (0..<height).map { n in
                var s = ""
                for (k, i) in shown.enumerated() {
                    let cell = n < parts[k].count ? parts[k][n] : ""
                    s += TextWidth.pad(cell, widths[i]!, right: columns[i].alignRight && !header) + (k == shown.count - 1 ? "" : String(repeating: " ", count: Self.gap))
                }
                return s.trimmingTrailingSpaces + "\n"
            }.joined()
        }
        let header = line(columns.map(\.header), header: true)
        var out = (bold ? "\u{1B}[1m" + header.dropLast() + "\u{1B}[0m\n" : header)
        out += String(repeating: "─", count: medium == .file ? sum { widths[$0]! } : min(width, sum { widths[$0]! })) + "\n"
        for (row, note) in zip(cells, notes) {
            out += line(row)
            let aside = moved.filter { !row[$0].isEmpty }.map { columns[$0].header + " " + row[$0] }.joined(separator: " · ")
            out += indented(aside, width: width) + indented(note, width: width)
        }
        return out
    }

    /// Each row as a block: its first cell, then "Header: value" for each other non-empty cell,
    /// wrapped, then its note; for a screen too narrow for the columns side by side.
    func blocks(_ cells: [[String]], width: Int, bold: Bool) -> String {
        var out = ""
        for (row, note) in zip(cells, notes) {
            let first = TextWidth.wrap(columns[0].header + ": " + row[0], width).joined(separator: "\n")
            out += (bold ? "\u{1B}[1m" + first + "\u{1B}[0m" : first) + "\n"
            for i in columns.indices.dropFirst() where !row[i].isEmpty {
                for (n, part) in TextWidth.wrap(columns[i].header + ": " + row[i], width - 4).enumerated() {
                    out += (n == 0 ? "  " : "    ") + part + "\n"
                }
            }
            out += indented(note, width: width)
            out += String(repeating: "─", count: min(width, 20)) + "\n"
        }
        return out
    }

    /// Lines under a row (one per `\n`), indented, a long one wrapped under itself, never cut.
    func indented(_ text: String, width: Int) -> String {
        var out = ""
        for problem in text.split(separator: "\n") {
            for (n, part) in TextWidth.wrap(String(problem), max(10, width - 6)).enumerated() {
                out += (n == 0 ? "    " : "      ") + part + "\n"
            }
        }
        return out
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
