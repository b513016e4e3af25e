/// Why a visit ended; each wipes everything of the visit.
public enum VisitEnd: Error, Equatable, Sendable {
    case done, cardRemoved, timedOut, cancelled
    /// The card and the record name different people and no staff member confirmed.
    case identityNotConfirmed
    /// A failure, already worded for the citizen.
    case failed(String)
    /// SIGTERM, SIGHUP or the terminal closing: wipe, then the kiosk exits.
    case stopped
}

/// The kiosk's cycle of visits as a state machine: the caller reports what happened (the card
/// came or went, a step finished, the visit ended) and does what the returned action says; the
/// machine does no I/O. A visit starts only on a card *insertion*: a card still in the reader
/// when a visit ends (or when the kiosk starts) must be taken out first, so nobody walking up
/// sees the last citizen's name and no OTP is requested for a card nobody inserted.
public struct KioskCycle: Sendable {
    /// What the caller does next.
    public enum Action: Equatable, Sendable {
        case none
        case showInsertCard
        /// "Please take your card": the screen stays until the card is out.
        case showTakeYourCard
        case readCard
        case logIn
        case sync
        /// Show the differences to the citizen and the staff (and the staff log); continue only
        /// on the staff's confirmation.
        case confirmIdentity([IdentityMismatch])
        case showMenu
        /// Wipe everything of the visit (store, files, screen), then report ``wiped(cardStillIn:)``.
        case wipe(VisitEnd)
    }

    private enum State: Equatable {
        case waitingForInsertion, cardLeftIn
        case reading, loggingIn, syncing, awaitingStaff, inMenu
        case wiping
    }

    private var state: State

    /// Whether a visit is under way (the card is being read, or the visit is past that).
    public var inVisit: Bool {
        switch state {
        case .reading, .loggingIn, .syncing, .awaitingStaff, .inMenu: return true
        case .waitingForInsertion, .cardLeftIn, .wiping: return false
        }
    }

    /// The cycle at start; a card already in the reader is someone's forgotten card.
    public init(cardPresent: Bool) {
        state = cardPresent ? .cardLeftIn : .waitingForInsertion
    }

    /// What to show before the first event.
    public var firstAction: Action { state == .cardLeftIn ? .showTakeYourCard : .showInsertCard }

    /// The reader says a card is (or is not) in it.
    public mutating func cardPresence(_ present: Bool) -> Action {
        switch (state, present) {
        case (.waitingForInsertion, true):
            state = .reading
            return .readCard
        case (.cardLeftIn, false):
            state = .waitingForInsertion
            return .showInsertCard
        case (_, false) where inVisit:
            state = .wiping
            return .wipe(.cardRemoved)
        default:
            return .none
        }
    }

    /// The card was read (and is valid).
    public mutating func cardRead() -> Action { advance(from: .reading, to: .loggingIn, .logIn) }

    /// The citizen's consent (card login or OTP) was accepted.
    public mutating func loggedIn() -> Action { advance(from: .loggingIn, to: .syncing, .sync) }

    /// The record is in; `mismatches` compares it with the card (``IdentityCheck``).
    public mutating func synced(_ mismatches: [IdentityMismatch]) -> Action {
        guard state == .syncing else { return .none }
        if mismatches.isEmpty {
            state = .inMenu
            return .showMenu
        }
        state = .awaitingStaff
        return .confirmIdentity(mismatches)
    }

    /// A staff member confirmed that card and record are the same person.
    public mutating func staffConfirmed() -> Action { advance(from: .awaitingStaff, to: .inMenu, .showMenu) }

    /// The visit ends (done, timeout, cancel, failure, stop).
    public mutating func end(_ why: VisitEnd) -> Action {
        guard inVisit else { return .none }
        state = .wiping
        return .wipe(why)
    }

    /// The visit was wiped; the next visit needs a new insertion.
    public mutating func wiped(cardStillIn: Bool) -> Action {
        guard state == .wiping else { return .none }
        state = cardStillIn ? .cardLeftIn : .waitingForInsertion
        return cardStillIn ? .showTakeYourCard : .showInsertCard
    }

    private mutating func advance(from: State, to: State, _ action: Action) -> Action {
        guard state == from else { return .none }
        state = to
        return action
    }
}
