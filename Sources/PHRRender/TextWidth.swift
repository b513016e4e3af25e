/// Terminal column widths of text: Thai above/below vowels and tone marks (and other combining
/// marks) take no column, East Asian wide characters take two. Used to align tables whose cells
/// mix Thai and Latin script.
public enum TextWidth {
    /// Columns `text` occupies on a terminal.
    public static func columns(_ text: String) -> Int {
        var n = 0
        for s in text.unicodeScalars { n += columns(s) }
        return n
    }

    static func columns(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E:   // Thai marks above/below
            return 0
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F:
            return 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return s.value < 0x20 ? 0 : 1
        }
    }

    /// `text` cut to at most `width` columns, ending in `…` when cut; marks stay with their base.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if columns(text) <= width { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = columns(String(ch))
            if used + w > width - 1 { break }
            out.append(ch); used += w
        }
        return out + "…"
    }

    /// `text` padded with spaces to exactly `width` columns (cut first if longer).
    public static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fitted = fit(text, width)
        let spaces = String(repeating: " ", count: max(0, width - columns(fitted)))
        return right ? spaces + fitted : fitted + spaces
    }

    /// `text` broken into lines of at most `width` columns, at spaces where possible (Thai
    /// writes spaces between phrases), else inside a word.
    public static func wrap(_ text: String, _ width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
                let candidate = line.isEmpty ? word : line + " " + word
                if columns(candidate) <= width { line = candidate; continue }
                if !line.isEmpty { lines.append(line) }
                var rest = word
                while columns(rest) > width {
                    var head = "", used = 0
                    for ch in rest {
                        let w = columns(String(ch))
                        if used + w > width { break }
                        head.append(ch); used += w
                    }
                    lines.append(head)
                    rest = String(rest.dropFirst(head.count))
                }
                line = rest
            }
            lines.append(line)
        }
        return lines
    }
}
