import CPCSC
import Foundation

/// A connection to pcscd: the readers, their cards, waiting for a card to come or go.
///
/// Calls block (PC/SC is synchronous); waits poll in steps of at most a second so that a
/// caller can stop them with `shouldContinue`.
public final class PCSCContext {
    private var context: SCARDCONTEXT = 0

    /// What a reader reports.
    public struct ReaderState: Sendable, Equatable {
        public var name: String
        public var cardPresent: Bool
        /// Another program has the card open exclusively.
        public var inUse: Bool
        /// Present but not answering (inserted the wrong way, or not a chip card).
        public var mute: Bool
        public var atr: [UInt8]
    }

    public init() throws(CardError) {
        let rv = SCardEstablishContext(DWORD(Self.scopeSystem), nil, nil, &context)
        guard Self.code(rv) == Self.success else { throw Self.error(rv, "establishing a context") }
    }

    deinit { SCardReleaseContext(context) }

    /// The connected readers, in pcscd's order (empty when none).
    public func readers() throws(CardError) -> [String] {
        var size: DWORD = 0
        var rv = SCardListReaders(context, nil, nil, &size)
        if Self.code(rv) == Self.noReaders { return [] }
        guard Self.code(rv) == Self.success else { throw Self.error(rv, "listing readers") }
        var buffer = [CChar](repeating: 0, count: Int(size))
        rv = SCardListReaders(context, nil, &buffer, &size)
        if Self.code(rv) == Self.noReaders { return [] }
        guard Self.code(rv) == Self.success else { throw Self.error(rv, "listing readers") }
        return buffer.split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    }

    /// The state of each named reader now.
    public func states(_ names: [String]) throws(CardError) -> [ReaderState] {
        try names.map { name throws(CardError) in
            var state = try stateChange(name, current: 0, timeoutMs: 0)
            state.name = name
            return state.reader
        }
    }

    /// Waits until a card is in one of `readers` (the first that has one), polling while
    /// `shouldContinue()`; returns the reader's state, or nil when stopped or timed out.
    public func waitForCard(in readers: [String], timeout: TimeInterval?, shouldContinue: () -> Bool = { true }) throws(CardError) -> ReaderState? {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while shouldContinue() {
            for state in try states(readers) where state.cardPresent && !state.mute {
                return state
            }
            if let deadline, Date() >= deadline { return nil }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return nil
    }

    /// Whether a card is still in `reader`.
    public func cardPresent(_ reader: String) throws(CardError) -> Bool {
        try states([reader]).first?.cardPresent ?? false
    }

    /// Connects to the card in `reader` (shared, T=0 or T=1).
    public func connect(_ reader: String) throws(CardError) -> PCSCCard {
        var handle: SCARDHANDLE = 0
        var proto: DWORD = 0
        let rv = reader.withCString {
            SCardConnect(context, $0, DWORD(Self.shareShared), DWORD(Self.protocolT0 | Self.protocolT1), &handle, &proto)
        }
        guard Self.code(rv) == Self.success else { throw Self.error(rv, "connecting to the card") }
        return try PCSCCard(handle: handle, protocol: proto)
    }

    private struct Change { var name: String; var event: DWORD; var atr: [UInt8]
        var reader: ReaderState {
            let flags = Int(event) & 0xFFFF
            return ReaderState(name: name, cardPresent: flags & PCSCContext.statePresent != 0, inUse: flags & PCSCContext.stateExclusive != 0,
                               mute: flags & PCSCContext.stateMute != 0, atr: atr)
        }
    }

    private func stateChange(_ name: String, current: DWORD, timeoutMs: DWORD) throws(CardError) -> Change {
        let cName = strdup(name)
        defer { free(cName) }
        var state = SCARD_READERSTATE()
        state.szReader = UnsafePointer(cName)
        state.dwCurrentState = current
        let rv = SCardGetStatusChange(context, timeoutMs, &state, 1)
        guard Self.code(rv) == Self.success || Self.code(rv) == Self.timeout else {
            if Self.code(rv) == Self.unknownReader || Self.code(rv) == Self.readerUnavailable { throw .unknownReader(name) }
            throw Self.error(rv, "reading the reader's state")
        }
        let atr = withUnsafeBytes(of: state.rgbAtr) { Array($0.prefix(Int(state.cbAtr))) }
        return Change(name: name, event: state.dwEventState, atr: atr)
    }

    // MARK: PC/SC constants (pcsclite.h; cast macros are not imported into Swift)

    static let success: UInt32 = 0
    static let scopeSystem = 2
    static let shareShared = 2
    static let protocolT0 = 1
    static let protocolT1 = 2
    static let statePresent = 0x20
    static let stateExclusive = 0x80
    static let stateMute = 0x200
    static let timeout: UInt32 = 0x8010000A
    static let noReaders: UInt32 = 0x8010002E
    static let unknownReader: UInt32 = 0x80100009
    static let readerUnavailable: UInt32 = 0x80100017

    /// A PC/SC return value as the 32-bit code pcsclite.h defines (LONG is 64 bits on Linux).
    static func code(_ rv: LONG) -> UInt32 { UInt32(truncatingIfNeeded: rv) }

    /// The ``CardError`` for a PC/SC return value.
    static func error(_ rv: LONG, _ what: String) -> CardError {
        switch code(rv) {
        case 0x8010001D: return .serviceNotRunning           // SCARD_E_NO_SERVICE
        case 0x8010002E: return .noReader                    // SCARD_E_NO_READERS_AVAILABLE
        case 0x80100009, 0x80100017: return .noReader        // unknown / unavailable reader
        case 0x8010000C: return .noCard                      // SCARD_E_NO_SMARTCARD
        case 0x8010000B: return .readerBusy                  // SCARD_E_SHARING_VIOLATION
        case 0x80100069: return .removed                     // SCARD_W_REMOVED_CARD
        case 0x80100068: return .interrupted                 // SCARD_W_RESET_CARD
        case 0x80100066, 0x80100067: return .notThaiID("no answer") // unresponsive / unpowered card
        default: return .pcsc(what, code: Int(UInt32(truncatingIfNeeded: rv)))
        }
    }
}

/// A connected card: a ``CardChannel`` over `SCardTransmit`.
public final class PCSCCard: CardChannel {
    private let handle: SCARDHANDLE
    private let proto: DWORD
    public let atr: [UInt8]

    init(handle: SCARDHANDLE, protocol proto: DWORD) throws(CardError) {
        self.handle = handle
        self.proto = proto
        do throws(CardError) { atr = try Self.status(handle).atr } catch {
            SCardDisconnect(handle, 0)
            throw error
        }
    }

    /// `SCardStatus`: the card's state flags (`SCARD_ABSENT` 0x02, `SCARD_PRESENT` 0x04, …)
    /// and its ATR.
    private static func status(_ handle: SCARDHANDLE) throws(CardError) -> (state: Int, atr: [UInt8]) {
        var atrBytes = [UInt8](repeating: 0, count: 33)
        var atrLength = DWORD(atrBytes.count)
        var state: DWORD = 0, active: DWORD = 0, nameLength: DWORD = 0
        let rv = SCardStatus(handle, nil, &nameLength, &state, &active, &atrBytes, &atrLength)
        guard PCSCContext.code(rv) == PCSCContext.success else { throw PCSCContext.error(rv, "reading the card's status") }
        return (Int(state), Array(atrBytes.prefix(Int(atrLength))))
    }

    deinit { SCardDisconnect(handle, 0) }

    public func transmit(_ apdu: [UInt8]) throws(CardError) -> [UInt8] {
        var reply = [UInt8](repeating: 0, count: 258)
        var length = DWORD(reply.count)
        let rv = withUnsafePointer(to: proto == DWORD(PCSCContext.protocolT1) ? g_rgSCardT1Pci : g_rgSCardT0Pci) { pci in
            SCardTransmit(handle, pci, apdu, DWORD(apdu.count), nil, &reply, &length)
        }
        guard PCSCContext.code(rv) == PCSCContext.success else { throw PCSCContext.error(rv, "talking to the card") }
        if length < 2 { try checkStillPresent() }
        return Array(reply.prefix(Int(length)))
    }

    /// A reply without a status word is what vpcd (and some readers) give when the card went
    /// away mid-command: ask the reader, for up to half a second (it may not have noticed
    /// yet), so a removal is reported as one.
    private func checkStillPresent() throws(CardError) {
        for _ in 0..<10 {
            let state = try Self.status(handle).state
            if state & 0x02 != 0 || state & 0x04 == 0 { throw .removed }  // SCARD_ABSENT / not SCARD_PRESENT
            Thread.sleep(forTimeInterval: 0.05)
        }
    }
}
