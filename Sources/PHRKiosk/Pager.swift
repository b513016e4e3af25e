/// A long text shown a screenful at a time, with the text's header lines (a section's title,
/// column headings and rule) repeated at the top of every page. Scrolls by line (↑/↓), page
/// (PgUp/PgDn, Enter = next page) or to either end (Home/End), and jumps to the first line
/// holding a date.
public struct Pager: Equatable, Sendable {
    /// The lines repeated on every page.
    public let header: [String]
    /// The lines that scroll.
    public let body: [String]
    /// Lines of the body shown at once.
    public let height: Int
    /// The first body line shown.
    public private(set) var top = 0

    /// `rows` is the room for the whole page (header included).
    public init(_ text: String, rows: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rule = lines.prefix(4).firstIndex { line in !line.isEmpty && line.allSatisfy { $0 == "─" } }
        let headerCount = rule.map { $0 + 1 } ?? min(1, lines.count)
        header = Array(lines.prefix(headerCount))
        var rest = Array(lines.dropFirst(headerCount))
        while rest.last == "" { rest.removeLast() }
        body = rest
        height = max(3, rows - header.count)
    }

    /// The page on screen now: the header, then the visible body lines.
    public var visible: [String] { header + body[top..<min(top + height, body.count)] }
    /// Whether everything fits on one page.
    public var fitsOnePage: Bool { body.count <= height }
    public var atEnd: Bool { top + height >= body.count }
    /// 1-based page number and page count, for "page 2/7".
    public var position: (page: Int, of: Int) {
        let pages = max(1, (body.count + height - 1) / height)
        return (atEnd ? pages : min(pages, top / height + 1), pages)
    }

    private var lastTop: Int { max(0, body.count - height) }

    /// Applies a scrolling key; false when the key is not a scrolling key.
    @discardableResult
    public mutating func scroll(_ key: KioskKey) -> Bool {
        switch key {
        case .up: top = max(0, top - 1)
        case .down: top = min(lastTop, top + 1)
        case .pageUp: top = max(0, top - height)
        case .pageDown, .enter: top = min(lastTop, top + height)
        case .home: top = 0
        case .end: top = lastTop
        default: return false
        }
        return true
    }

    /// Shows the first body line that contains `date` (as shown, e.g. `03/2566` or `15/03/2566`);
    /// false when no line does.
    public mutating func jump(to date: String) -> Bool {
        guard !date.isEmpty, let index = body.firstIndex(where: { $0.contains(date) }) else { return false }
        top = min(lastTop, index)
        return true
    }
}
