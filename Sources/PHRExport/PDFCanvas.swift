import CPangoCairo
#if canImport(Glibc)
import Glibc
#endif

/// Where a PDF goes.
public enum PDFDestination: Sendable, Equatable {
    case file(String)
    case standardOutput
}

/// A4 pages drawn with cairo, text shaped by pango (so Thai vowels and tone marks stack and
/// lines break between Thai words). Keeps a cursor; `measureOnly` lays text out without a
/// surface, which the report uses for a first pass that counts pages.
final class PDFCanvas {
    static let pageWidth = 595.28, pageHeight = 841.89, margin = 42.0
    static let bottom = pageHeight - margin - 28   // room for the footer

    let cr: OpaquePointer
    let surface: OpaquePointer
    let measureOnly: Bool
    var y = margin
    var page = 1

    /// A canvas writing a PDF to `destination`, or measuring only (nil: a PDF surface that
    /// discards its output, so text metrics are exactly those of the real pass).
    init?(_ destination: PDFDestination?, title: String) {
        measureOnly = destination == nil
        switch destination {
        case .file(let path)?:
            surface = cairo_pdf_surface_create(path, Self.pageWidth, Self.pageHeight)
        case .standardOutput?:
            // Streamed to fd 1: no temporary file holding the record in plain text.
            surface = cairo_pdf_surface_create_for_stream({ _, data, length in
                var off = 0
                while off < Int(length) {
                    let n = write(1, data! + off, Int(length) - off)
                    if n < 0 { if errno == EINTR { continue }; return CAIRO_STATUS_WRITE_ERROR }
                    off += n
                }
                return CAIRO_STATUS_SUCCESS
            }, nil, Self.pageWidth, Self.pageHeight)
        case nil:
            surface = cairo_pdf_surface_create_for_stream({ _, _, _ in CAIRO_STATUS_SUCCESS }, nil, Self.pageWidth, Self.pageHeight)
        }
        if destination != nil {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "phr")
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { cairo_surface_destroy(surface); return nil }
        cr = cairo_create(surface)
    }

    /// Finishes the file; returns false when cairo reports an error (e.g. disk full).
    func finish() -> Bool {
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
        cairo_surface_destroy(surface)
        return ok
    }

    /// A laid-out piece of text: draw it with `draw(x:y:)`, height in points.
    final class Text {
        let layout: OpaquePointer
        let height: Double
        let width: Double
        init(_ layout: OpaquePointer) {
            self.layout = layout
            var w: Int32 = 0, h: Int32 = 0
            pango_layout_get_size(layout, &w, &h)
            width = Double(w) / Double(PANGO_SCALE)
            height = Double(h) / Double(PANGO_SCALE)
        }
        deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }
    }

    /// Lays out `text` in `font` ("Garuda 9", "Garuda Bold 14") within `width` points: wrapped
    /// at word boundaries (Thai too).
    /// A `width` of nil lays the text out on one line at its natural width (for measuring).
    func layout(_ text: String, font: String, width: Double?, alignRight: Bool = false) -> Text {
        let layout = pango_cairo_create_layout(cr)!
        let description = pango_font_description_from_string(font)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, width.map { Int32($0 * Double(PANGO_SCALE)) } ?? -1)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        if alignRight { pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT) }
        pango_layout_set_text(layout, text, -1)
        return Text(layout)
    }

    func draw(_ text: Text, x: Double, y: Double, gray: Double = 0) {
        guard !measureOnly else { return }
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, text.layout)
    }

    /// Starts a new page when `height` more points do not fit; calls `footer` for the page ending.
    func ensure(_ height: Double, footer: (PDFCanvas) -> Void) {
        guard y + height > Self.bottom, y > Self.margin + 1 else { return }
        newPage(footer: footer)
    }

    func newPage(footer: (PDFCanvas) -> Void) {
        footer(self)
        if !measureOnly { cairo_show_page(cr) }
        page += 1
        y = Self.margin
    }

    func line(x0: Double, y0: Double, x1: Double, y1: Double, gray: Double = 0.6, width: Double = 0.5, dash: Double? = nil) {
        guard !measureOnly else { return }
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_set_line_width(cr, width)
        if let dash { var d = dash; cairo_set_dash(cr, &d, 1, 0) } else { cairo_set_dash(cr, nil, 0, 0) }
        cairo_move_to(cr, x0, y0)
        cairo_line_to(cr, x1, y1)
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    /// A polyline in an RGB colour.
    func polyline(_ points: [(Double, Double)], r: Double, g: Double, b: Double, width: Double = 1) {
        guard !measureOnly, let first = points.first else { return }
        cairo_set_source_rgb(cr, r, g, b)
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, first.0, first.1)
        for p in points.dropFirst() { cairo_line_to(cr, p.0, p.1) }
        cairo_stroke(cr)
    }

    func rectangle(x: Double, y: Double, width: Double, height: Double, r: Double, g: Double, b: Double) {
        guard !measureOnly else { return }
        cairo_set_source_rgb(cr, r, g, b)
        cairo_rectangle(cr, x, y, width, height)
        cairo_fill(cr)
    }
}
