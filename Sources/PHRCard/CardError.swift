/// What went wrong with a card or its reader; each case's ``description`` is one line that
/// names the problem and the next step.
public enum CardError: Error, Equatable, Sendable, CustomStringConvertible {
    /// pcscd is not running (or its socket is not reachable).
    case serviceNotRunning
    /// No smart-card reader is connected.
    case noReader
    /// The named reader is not connected.
    case unknownReader(String)
    /// No card in the reader (or none came before the wait ended).
    case noCard
    /// Another program holds the card exclusively.
    case readerBusy
    /// The card was removed while it was being read.
    case removed
    /// The card was reset, or lost the pending answer, mid-read (another program, or a reader
    /// settling after insertion); the whole read is worth repeating.
    case interrupted
    /// The card does not answer as a Thai national ID card (status word of the SELECT).
    case notThaiID(String)
    /// The card answered with data that cannot be a Thai ID card's.
    case unreadable(String)
    /// The card expired on this date (Buddhist Era, as printed on the card).
    case expired(String)
    /// Any other PC/SC failure, with its code.
    case pcsc(String, code: Int)

    public var description: String {
        switch self {
        case .serviceNotRunning:
            return "the smart-card service (pcscd) is not running; start it (systemctl start pcscd, or pcscd as root) and try again"
        case .noReader:
            return "no smart-card reader is connected; plug one in and try again"
        case .unknownReader(let name):
            return "no reader named \"\(name)\"; `phr card status` lists them"
        case .noCard:
            return "no card in the reader; insert the Thai national ID card (chip up, towards the reader)"
        case .readerBusy:
            return "the reader is in use by another program; close it and try again"
        case .removed:
            return "the card was removed while it was being read; insert it again and keep it in until the read ends"
        case .interrupted:
            return "the card kept being reset while it was read; take it out, insert it again and wait a moment"
        case .notThaiID(let sw):
            return "this card is not a Thai national ID card (SELECT answered \(sw)); insert the citizen's ID card"
        case .unreadable(let why):
            return "the card's data cannot be read (\(why)); take the card out, insert it again and retry"
        case .expired(let date):
            return "this ID card expired on \(date); the citizen needs a valid card (or log in with --cid)"
        case .pcsc(let what, let code):
            return "the smart-card service failed (\(what), 0x\(String(code, radix: 16, uppercase: true))); reconnect the reader and try again"
        }
    }
}
