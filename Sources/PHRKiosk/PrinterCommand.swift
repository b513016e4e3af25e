/// The kiosk's `printer_command`: words split on spaces, where the word `{file}` stands for the
/// PDF to print (`lp -d front-desk {file}`, `cp {file} /srv/spool/`); without `{file}` the path
/// is appended. The program is looked up on `PATH` unless it is a path itself (``ChildRun``).
public struct PrinterCommand: Equatable, Sendable {
    public static let placeholder = "{file}"
    public let words: [String]

    /// Nil for an empty command.
    public init?(_ text: String) {
        let words = text.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return nil }
        self.words = words
    }

    /// The arguments after the program for `file`.
    public func arguments(file: String) -> [String] {
        let rest = Array(words.dropFirst())
        guard rest.contains(Self.placeholder) else { return rest + [file] }
        return rest.map { $0 == Self.placeholder ? file : $0 }
    }
}
