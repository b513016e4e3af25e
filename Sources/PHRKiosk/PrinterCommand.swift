#if canImport(Glibc)
import Glibc
#endif

/// The kiosk's `printer_command`: words split on spaces, where the word `{file}` stands for the
/// PDF to print (`lp -d front-desk {file}`, `cp {file} /srv/spool/`); without `{file}` the path
/// is appended. The program is looked up on `PATH` unless it is a path itself.
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

    /// The program's path: as written when it has a `/`, else the first executable on `path`
    /// (a `PATH`-style list); nil when there is none.
    public func executable(searching path: String) -> String? {
        let program = words[0]
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = directory + "/" + program
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
