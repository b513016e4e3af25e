import Foundation

extension QRCode {
    /// The symbol as terminal text: two module rows per line with the half blocks `▀ ▄ █`, so
    /// it stays square in an 80×24 terminal. Dark modules are drawn as the terminal's
    /// foreground; with `invert` they are drawn as the background (for light-on-dark
    /// terminals: a scanner wants dark modules on a light ground).
    public func terminalText(invert: Bool = true) -> String {
        let q = Self.quietZone
        var lines: [String] = []
        var y = -q
        while y < size + q {
            var line = ""
            for x in -q..<(size + q) {
                // "Ink" is what the glyph paints in the foreground colour; below the last row
                // (an odd count) lies more quiet zone.
                let top = self[x, y] != invert
                let bottom = y + 1 < size + q ? self[x, y + 1] != invert : invert
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(line)
            y += 2
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An SVG image, `scale` pixels per module, with the quiet zone.
    public func svg(scale: Int = 8) -> String {
        let side = (size + 2 * Self.quietZone) * scale
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x, y] else { x += 1; continue }
                let start = x
                while x < size, self[x, y] { x += 1 }
                path += "M\((start + Self.quietZone) * scale) \((y + Self.quietZone) * scale)h\((x - start) * scale)v\(scale)h-\((x - start) * scale)z"
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(side)" height="\(side)" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">
            <rect width="100%" height="100%" fill="#fff"/>
            <path fill="#000" d="\(path)"/>
            </svg>

            """
    }

    /// A greyscale PNG image, `scale` pixels per module, with the quiet zone.
    public func png(scale: Int = 8) -> Data {
        let side = (size + 2 * Self.quietZone) * scale
        var raw = [UInt8]()
        raw.reserveCapacity((side + 1) * side)
        for py in 0..<side {
            raw.append(0)   // filter: none
            let y = py / scale - Self.quietZone
            for px in 0..<side {
                raw.append(self[px / scale - Self.quietZone, y] ? 0 : 255)
            }
        }
        var header = [UInt8]()
        header += PNG.bigEndian(UInt32(side)) + PNG.bigEndian(UInt32(side))
        header += [8, 0, 0, 0, 0]   // 8-bit greyscale, deflate, no filter, no interlace
        var out = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        out += PNG.chunk("IHDR", header)
        out += PNG.chunk("IDAT", PNG.zlibStored(raw))
        out += PNG.chunk("IEND", [])
        return out
    }
}

/// The few pieces of PNG (RFC 2083) and zlib (RFC 1950/1951) a QR image needs: chunks with
/// CRC-32, and uncompressed ("stored") deflate blocks with an Adler-32 trailer. A QR image is
/// small, so compression is not worth a dependency.
enum PNG {
    static func chunk(_ type: String, _ data: [UInt8]) -> Data {
        let typeBytes = Array(type.utf8)
        var out = Data(bigEndian(UInt32(data.count)))
        out += typeBytes + data
        out += bigEndian(crc32(typeBytes + data))
        return out
    }

    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let last: UInt8 = offset + n == data.count ? 1 : 0
            out += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<(offset + n)]
            offset += n
        } while offset < data.count
        return out + bigEndian(adler32(data))
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for chunk in stride(from: 0, to: bytes.count, by: 5_552) {
            for byte in bytes[chunk..<min(chunk + 5_552, bytes.count)] { a += UInt32(byte); b += a }
            a %= 65_521; b %= 65_521
        }
        return (b << 16) | a
    }
}
