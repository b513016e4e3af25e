import ArgumentParser
import PHRRender

extension PHRCommand {
    /// Runs `phr` with the process's arguments, as `main()` would, but with usage errors the
    /// way docs/exit-codes.md promises: one line on stderr (`phr: …`, with "did you mean" for a
    /// mistyped command and the help to read), exit 64. An unknown `phr help TOPIC` is a usage
    /// error too, not the root help with exit 0.
    public static func runFromCommandLine() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        Locale.choose(from: arguments)
        if let problem = UsageCheck.problem(in: arguments, root: PHRCommand.self) {
            reportUsage(problem)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // An ExitCode comes from a command that has already said its one line (a
            // `CLIFailure` of exit 64 included): nothing more to print.
            guard !(error is ExitCode), exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let first = message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "bad command line"
            let text = first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
            reportUsage(text + " " + Message.seeHelp.text(Locale.language, ["command": helpPath(for: arguments)]))
        }
    }

    /// Prints `phr: line` (sanitized: it may quote what was typed) and exits 64.
    private static func reportUsage(_ line: String) -> Never {
        FileHandleStderr.write("phr: " + Sanitize.line(line, limit: 400) + "\n")
        exit(withError: ExitCode.validationFailure)
    }

    /// ` show` for `phr show nosuch`: the deepest command named in `arguments`.
    private static func helpPath(for arguments: [String]) -> String {
        var command: any ParsableCommand.Type = PHRCommand.self
        var path = ""
        for word in UsageCheck.words(arguments) {
            guard let sub = UsageCheck.subcommand(named: word, of: command) else { break }
            command = sub
            path += " " + word
        }
        return path
    }
}

/// What can be told wrong about a command line before parsing it: a command name that does
/// not exist (with the nearest one), an unknown help topic.
enum UsageCheck {
    /// The problem with `arguments`, or nil when the parser should have them.
    static func problem(in arguments: [String], root: any ParsableCommand.Type) -> String? {
        let words = self.words(arguments)
        guard let first = words.first else { return nil }
        if first == "help" {
            var command = root
            for topic in words.dropFirst() {
                guard let sub = subcommand(named: topic, of: command) else {
                    return Message.noHelpTopic.text(Locale.language, ["topic": topic, "suggestion": suggestion(topic, among: names(of: command))])
                }
                command = sub
            }
            return nil
        }
        guard subcommand(named: first, of: root) == nil else { return nil }
        return Message.unknownCommand.text(Locale.language, ["command": first, "suggestion": suggestion(first, among: names(of: root))])
    }

    /// The leading words that name commands: `--profile X` may come first; any other option
    /// before the first word (`--generate-completion-script bash`, `--version`) means there is
    /// no command word to check.
    static func words(_ arguments: [String]) -> [String] {
        var rest = arguments[...]
        while let first = rest.first, first == "--profile" || first.hasPrefix("--profile=") {
            rest = rest.dropFirst(first == "--profile" ? 2 : 1)
        }
        guard let first = rest.first, !first.hasPrefix("-") else { return [] }
        guard first == "help" else { return [first] }
        return Array(rest.prefix { !$0.hasPrefix("-") })
    }

    static func subcommand(named name: String, of command: any ParsableCommand.Type) -> (any ParsableCommand.Type)? {
        command.configuration.subcommands.first {
            $0._commandName == name || $0.configuration.aliases.contains(name)
        } ?? (name == "help" ? command : nil)
    }

    static func names(of command: any ParsableCommand.Type) -> [String] {
        command.configuration.subcommands.map { $0._commandName }
    }

    /// `; did you mean 'show'?` when one name is within two edits of `typed`.
    static func suggestion(_ typed: String, among names: [String]) -> String {
        let ranked = names.map { ($0, distance(typed.lowercased(), $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }
        return ranked.map { Message.didYouMean.text(Locale.language, ["name": $0.0]) } ?? ""
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, y) in b.enumerated() {
                let above = row[j + 1]
                row[j + 1] = min(above + 1, row[j] + 1, diagonal + (x == y ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}
