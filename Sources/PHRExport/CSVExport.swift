import PHRModel

/// CSV (RFC 4180) of one kind: the flat columns of `FlatRecord`, UTF-8, CRLF line ends, every
/// field that needs it quoted. `bom` prefixes a UTF-8 byte-order mark so spreadsheet programs
/// read Thai correctly. Cells starting with `= + - @` are prefixed with `'` so a spreadsheet
/// never runs server text as a formula.
public enum CSVExport {
    public static func csv(_ kind: RecordKind, _ record: HealthRecord, bom: Bool = false) -> String {
        var out = bom ? "\u{FEFF}" : ""
        out += FlatRecord.columns(kind).map(field).joined(separator: ",") + "\r\n"
        for row in FlatRecord.rows(kind, record) {
            out += row.fields.map { f in
                if case .text(let s) = f.value { return field(s) }
                return f.value.csv
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func field(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
