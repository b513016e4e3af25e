/// TIS-620, the Thai 8-bit encoding of the national ID card's text fields.
///
/// ASCII passes through; Thai bytes `A1–DA` and `DF–FB` are U+0E01–U+0E5B (byte + 0x0D60).
/// The other high bytes are not characters in TIS-620 and decode as U+FFFD, so a hostile
/// card can never smuggle control characters in through this decoder (C0 controls and DEL are
/// replaced the same way).
public enum TIS620 {
    /// The text of `bytes`, with trailing spaces and NULs (the card's padding) removed.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var trimmed = Array(bytes)
        while let last = trimmed.last, last == 0x20 || last == 0 { trimmed.removeLast() }
        var scalars = String.UnicodeScalarView()
        for b in trimmed {
            switch b {
            case 0x20...0x7E: scalars.append(Unicode.Scalar(b))
            case 0xA1...0xDA, 0xDF...0xFB: scalars.append(Unicode.Scalar(UInt32(b) + 0x0D60)!)
            default: scalars.append("\u{FFFD}")
            }
        }
        return String(scalars)
    }

    /// The TIS-620 bytes of `text`; nil when it holds a character TIS-620 lacks.
    public static func encode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for s in text.unicodeScalars {
            switch s.value {
            case 0x20...0x7E: bytes.append(UInt8(s.value))
            case 0x0E01...0x0E3A, 0x0E3F...0x0E5B: bytes.append(UInt8(s.value - 0x0D60))
            default: return nil
            }
        }
        return bytes
    }
}
