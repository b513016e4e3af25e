import PHRModel

/// The kiosk's menu: each entry has one key, chosen without Enter. A new entry (e.g. a
/// measurement) is one more case here and one more branch where the caller acts on it.
public enum MenuEntry: Equatable, Sendable {
    case summary
    case kind(RecordKind)
    case print, export, share, language, done
    /// Measure the blood pressure and send it to Mor Prom.
    case measureBP

    /// The menu for the configured `actions` (summary, kinds, print, export, share, measure):
    /// key and entry.
    public static func menu(actions: Set<String>) -> [(key: Character, entry: MenuEntry)] {
        var entries: [(key: Character, entry: MenuEntry)] = []
        if actions.contains("summary") { entries.append(("1", .summary)) }
        if actions.contains("kinds") {
            for (i, kind) in RecordKind.allCases.enumerated() where i < 8 {
                entries.append((Character(String(i + 2)), .kind(kind)))
            }
        }
        if actions.contains("print") { entries.append(("p", .print)) }
        if actions.contains("export") { entries.append(("e", .export)) }
        if actions.contains("share") { entries.append(("s", .share)) }
        if actions.contains("measure") { entries.append(("m", .measureBP)) }
        entries.append(("l", .language))
        entries.append(("q", .done))
        return entries
    }
}
