import CQREncode
import Foundation

/// A QR code symbol: a square of dark and light modules, made by libqrencode.
///
/// Error correction is level M (15 % of the symbol may be unreadable: a smudged print or a
/// phone camera at a slant still reads it), and text that fits the alphanumeric mode (digits,
/// capitals, `-:` …) is encoded in it, which keeps a consent link at version 2–3 (25–29 modules).
public struct QRCode: Sendable, Equatable {
    /// Modules per side (without the quiet zone).
    public let size: Int
    /// Row-major: `modules[y * size + x]` is true for a dark module.
    public let modules: [Bool]

    /// Why a text could not be made into a QR code, or a code into an image.
    public enum EncodeError: Error, Equatable, Sendable {
        /// Empty, holds a NUL, or too long for a QR symbol.
        case unencodable
        /// cairo could not draw or encode the PNG (out of memory).
        case drawing
    }

    /// Encodes `text` (UTF-8; case-sensitive).
    public init(_ text: String) throws(EncodeError) {
        guard !text.isEmpty, !text.utf8.contains(0), text.utf8.count <= 2_000 else { throw .unencodable }
        guard let symbol = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { throw .unencodable }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        size = width
        modules = (0..<(width * width)).map { symbol.pointee.data[$0] & 1 == 1 }
    }

    /// Whether the module at column `x`, row `y` is dark; outside the symbol (the quiet zone)
    /// everything is light.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// The light border scanners need around a symbol, in modules (ISO/IEC 18004).
    public static let quietZone = 4
}
