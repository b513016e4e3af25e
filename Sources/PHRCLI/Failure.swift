import ArgumentParser
import PHRModel
import PHRRender
#if canImport(Glibc)
import Glibc
#endif

/// The documented exit codes of `phr` (docs/exit-codes.md, `man phr`). Stable: scripts rely on them.
public enum PHRExit: Int32, Sendable, CaseIterable {
    case ok = 0
    /// An unexpected failure; the message says what.
    case failure = 1
    /// Not logged in, or the session/OTP expired: run `phr login`.
    case notLoggedIn = 3
    /// Wrong passphrase, or the file is not a phr store.
    case wrongPassphrase = 4
    /// The store failed its integrity or HMAC check (tampering or corruption).
    case storeDamaged = 5
    /// The server could not be reached (network, TLS, DNS).
    case network = 6
    /// The server refused: wrong or expired OTP, locked out, token for another citizen.
    case refused = 7
    /// The server kept failing or sent data we cannot read.
    case server = 8
    /// Smart-card problem: pcscd, reader or card.
    case card = 9
    /// An output file exists (use --force) or cannot be written.
    case output = 10
    /// Nothing to show: nothing synced yet, or no store.
    case noData = 11
    /// A consent code is unknown, expired, revoked or used up.
    case consent = 12
    /// The disk is full or an I/O error occurred; nothing was lost.
    case io = 13
    /// The store holds another citizen's record: one store (profile) per person.
    case otherCitizen = 14
    /// Bad command-line usage (ArgumentParser's own code).
    case usage = 64
    /// Interrupted by Ctrl-C; what was committed stays committed.
    case interrupted = 130
}

/// An error the CLI shows as one line (English and Thai) with the next step, then exits.
///
/// Library errors are mapped to this in one place per library (see `+Failure` extensions),
/// so a citizen never sees a stack trace or a Swift type name.
public struct CLIFailure: Error, Sendable {
    public var exit: PHRExit
    /// One line: the problem and the next step, in English.
    public var message: String
    /// The same in Thai, when we have it.
    public var messageTH: String?

    public init(_ exit: PHRExit, _ message: String, th: String? = nil) {
        self.exit = exit
        self.message = message
        self.messageTH = th
    }

    /// A failure worded by the message catalog, in both languages.
    public init(_ exit: PHRExit, _ message: Message, _ arguments: [String: String] = [:]) {
        self.init(exit, message.text(.en, arguments), th: message.text(.th, arguments))
    }
}

/// A `phr` subcommand: implement `execute()`; `run()` turns failures into one line + exit code.
public protocol PHRSubcommand: AsyncParsableCommand {
    func execute() async throws
}

extension PHRSubcommand {
    public mutating func run() async throws {
        do {
            try await execute()
        } catch let failure as CLIFailure {
            throw Self.report(failure)
        } catch let exit as ExitCode {
            throw exit
        } catch let failure as any CLIFailureConvertible {
            throw Self.report(failure.cliFailure)
        } catch is CancellationError {
            throw Self.report(CLIFailure(.interrupted, .interrupted))
        } catch {
            throw Self.report(CLIFailure(.failure, .unexpected, ["error": String(String(describing: error).prefix(200))]))
        }
    }

    /// Prints `failure` to stderr as `phr: <message>` and returns the exit code to throw.
    static func report(_ failure: CLIFailure) -> ExitCode {
        let thai = Locale.prefersThai && failure.messageTH != nil
        // Messages quote servers, cards and files: nothing in them may steer the terminal.
        let line = "phr: " + Sanitize.line(thai ? failure.messageTH! : failure.message, limit: 1000) + "\n"
        FileHandleStderr.write(line)
        return ExitCode(failure.exit.rawValue)
    }
}

extension ValidationError {
    /// A usage error worded in English and Thai, shown in the message language (``Locale``).
    init(_ message: String, th: String) {
        self.init(Locale.prefersThai ? th : message)
    }
}

extension CitizenID.ParseError {
    /// Why a typed citizen ID is refused, in the message language (the catalog).
    var localized: String {
        let language = Locale.language
        switch self {
        case .empty: return Message.cidEmpty.text(language)
        case .invalidCharacter(let c): return Message.cidCharacter.text(language, ["character": c.isASCII && !c.isWhitespace ? String(c) : "?"])
        case .wrongLength(let n): return Message.cidLength.text(language, ["count": "\(n)"])
        case .checksum: return Message.cidChecksum.text(language)
        }
    }
}

/// Errors from library targets that know how to present themselves as a ``CLIFailure``.
public protocol CLIFailureConvertible: Error {
    var cliFailure: CLIFailure { get }
}

enum FileHandleStderr {
    static func write(_ s: String) {
        var s = s
        s.withUTF8 { buf in _ = Glibc.write(2, buf.baseAddress, buf.count) }
    }
}

enum Locale {
    /// Makes `--lang th|en` (anywhere on the command line) the language of every message, the
    /// usage errors and failures included, by setting `PHR_LANG` for this process.
    static func choose(from arguments: [String]) {
        for (i, argument) in arguments.enumerated() {
            let value = argument.hasPrefix("--lang=") ? String(argument.dropFirst(7)) : argument == "--lang" && i + 1 < arguments.count ? arguments[i + 1] : nil
            if let value, DisplayLanguage(rawValue: value) != nil { setenv("PHR_LANG", value, 1) }
        }
    }

    /// The language of messages: ``prefersThai``.
    static var language: DisplayLanguage { prefersThai ? .th : .en }

    /// Whether messages should be Thai: `PHR_LANG`, then `LC_ALL`, `LC_MESSAGES`, `LANG`.
    static var prefersThai: Bool {
        for name in ["PHR_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = getenv(name).map({ String(cString: $0) }), !v.isEmpty {
                return v.hasPrefix("th")
            }
        }
        return false
    }
}
