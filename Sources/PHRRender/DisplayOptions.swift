import PHRModel

/// The language of labels and messages in views and exports.
public enum DisplayLanguage: String, Sendable, CaseIterable {
    case th, en

    /// `en` or `th` text, by this language.
    public func pick(_ en: String, _ th: String) -> String { self == .th ? th : en }
}

/// How records are shown: language, era of years, colour, width.
public struct DisplayOptions: Sendable {
    public var language: DisplayLanguage
    /// Buddhist Era (default for Thai) or Common Era years.
    public var era: Era
    /// ANSI colour and bold (only on a terminal).
    public var color: Bool
    /// Columns available.
    public var width: Int
    /// Whether text may point to `phr` commands and export formats; false on the kiosk, whose
    /// citizens have no shell and take home only the PDF.
    public var commandHints = true
    /// Whether the text goes to a screen (tables keep to `width`, unit names may be written
    /// short) or a file (the text export: nothing is shortened or moved; lines may be wider).
    public var medium: Table.Medium = .screen

    /// Thai shows Buddhist-Era years unless `era` says otherwise; English shows CE.
    public init(language: DisplayLanguage, era: Era? = nil, color: Bool = false, width: Int = 80) {
        self.language = language
        self.era = era ?? (language == .th ? .buddhist : .gregorian)
        self.color = color
        self.width = max(40, width)
    }

    func t(_ en: String, _ th: String) -> String { language.pick(en, th) }
}
