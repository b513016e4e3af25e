/// One key at the kiosk, decoded from the terminal's bytes. Cursor and paging keys arrive as
/// escape sequences (`ESC [ B` …); only an Esc with nothing after it is ``escape``, so ↓ or
/// PgDn can never cancel a visit.
public enum KioskKey: Equatable, Sendable {
    case character(Character)
    case enter
    case backspace
    /// Ctrl-C or Ctrl-D: the citizen wants out at once.
    case interrupt
    /// A bare Esc (asks before it cancels).
    case escape
    case up, down, pageUp, pageDown, home, end
    /// A sequence the kiosk does not use (F-keys, ←/→ …): ignored.
    case ignored

    /// The key for the bytes of one escape sequence after its `ESC` (`[B`, `[6~`, `OH` …).
    public static func sequence(_ bytes: [UInt8]) -> KioskKey {
        guard let introducer = bytes.first, introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O"),
              let final = bytes.last, bytes.count >= 2 else { return .ignored }
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "~"):
            switch String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self) {
            case "1", "7": return .home
            case "4", "8": return .end
            case "5": return .pageUp
            case "6": return .pageDown
            default: return .ignored
            }
        default: return .ignored
        }
    }

    /// Whether `byte` ends an escape sequence begun with `ESC [` or `ESC O` (a final byte).
    public static func endsSequence(_ byte: UInt8, length: Int) -> Bool {
        length >= 2 && (0x40...0x7E).contains(byte)
    }

    /// The key for one byte outside an escape sequence.
    public static func byte(_ byte: UInt8) -> KioskKey {
        switch byte {
        case 0x0D, 0x0A: return .enter
        case 0x7F, 0x08: return .backspace
        case 0x03, 0x04: return .interrupt
        case 0x1B: return .escape
        case 0x20...0x7E: return .character(Character(Unicode.Scalar(byte)))
        default: return .ignored
        }
    }
}
