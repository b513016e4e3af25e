import CPangoCairo
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

    /// A PNG image, `scale` pixels per module, with the quiet zone, drawn and encoded by cairo
    /// (the library that already draws the PDF export).
    public func png(scale: Int = 8) throws(EncodeError) -> Data {
        let side = (size + 2 * Self.quietZone) * scale
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(side), Int32(side)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw .drawing }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw .drawing }
        defer { cairo_destroy(cr) }
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        for y in 0..<size {
            for x in 0..<size where self[x, y] {
                cairo_rectangle(cr, Double((x + Self.quietZone) * scale), Double((y + Self.quietZone) * scale), Double(scale), Double(scale))
            }
        }
        cairo_fill(cr)
        cairo_surface_flush(surface)
        guard cairo_status(cr) == CAIRO_STATUS_SUCCESS else { throw .drawing }
        var out = Data()
        let status = withUnsafeMutablePointer(to: &out) { sink in
            cairo_surface_write_to_png_stream(surface, { sink, bytes, length in
                guard let sink, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                sink.assumingMemoryBound(to: Data.self).pointee.append(bytes, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, sink)
        }
        guard status == CAIRO_STATUS_SUCCESS else { throw .drawing }
        return out
    }
}
