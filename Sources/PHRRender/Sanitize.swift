/// Makes text from the server or a card safe to print on a terminal.
///
/// Health data is stored exactly as received; only what reaches a screen is cleaned:
/// ANSI/VT escape sequences (CSI `ESC [ … final`, OSC/DCS `ESC ] … BEL|ST`, two-byte `ESC x`),
/// C0 and C1 control characters, bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) and zero-width characters (U+200B–U+200F, U+2060, U+FEFF) are removed;
/// very long values are cut with a visible marker.
public enum Sanitize {
    /// One line: newlines and tabs become spaces. At most `limit` characters.
    public static func line(_ text: String, limit: Int = 500) -> String {
        clean(text, keepNewlines: false, limit: limit)
    }

    /// A block of text: newlines kept (`\r` dropped), tabs become spaces.
    public static func block(_ text: String, limit: Int = 5000) -> String {
        clean(text, keepNewlines: true, limit: limit)
    }

    static func clean(_ text: String, keepNewlines: Bool, limit: Int) -> String {
        var out = String.UnicodeScalarView()
        var it = text.unicodeScalars.makeIterator()
        var count = 0
        var cut = false
        while let s = it.next() {
            if count >= limit { cut = true; break }
            switch s.value {
            case 0x1B:  // ESC: skip the whole sequence
                guard let next = it.next() else { break }
                if next == "[" {
                    while let c = it.next(), !(0x40...0x7E).contains(c.value) {}
                } else if next == "]" || next == "P" || next == "_" || next == "^" {
                    var previous: Unicode.Scalar = " "
                    while let c = it.next() {
                        if c.value == 0x07 || (previous.value == 0x1B && c == "\\") { break }
                        previous = c
                    }
                }
            case 0x0A:
                out.append(keepNewlines ? "\n" : " "); count += 1
            case 0x09:
                out.append(" "); count += 1
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200B...0x200F, 0x2060, 0xFEFF:
                continue
            default:
                out.append(s); count += 1
            }
        }
        var result = String(out)
        if cut { result += "…[cut]" }
        return result
    }
}
