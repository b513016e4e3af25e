import Foundation
import Testing
@testable import PHRShare

@Suite struct QRCodeTests {
    static let link = "PHR-CONSENT:1101700230708:7KQ2M9XD4HTB"

    @Test func consentLinkIsASmallSymbolWithFinderPatterns() throws {
        let qr = try QRCode(Self.link)
        #expect((21...29).contains(qr.size), "version 1–3 for a consent link, got \(qr.size) modules")
        // The three finder patterns: dark 7×7 rings with a dark 3×3 centre.
        for (ox, oy) in [(0, 0), (qr.size - 7, 0), (0, qr.size - 7)] {
            for i in 0..<7 {
                #expect(qr[ox + i, oy] && qr[ox + i, oy + 6] && qr[ox, oy + i] && qr[ox + 6, oy + i])
            }
            #expect(!qr[ox + 1, oy + 1] && qr[ox + 3, oy + 3])
        }
        #expect(!qr[-1, 0] && !qr[0, qr.size], "the quiet zone is light")
    }

    @Test func unencodableTextIsRefused() {
        #expect(throws: QRCode.EncodeError.unencodable) { try QRCode("") }
        #expect(throws: QRCode.EncodeError.unencodable) { try QRCode(String(repeating: "x", count: 3_000)) }
    }

    @Test func terminalTextDrawsTwoRowsPerLine() throws {
        let qr = try QRCode(Self.link)
        let side = qr.size + 2 * QRCode.quietZone
        let lines = qr.terminalText(invert: false).split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == (side + 1) / 2)
        for (row, line) in lines.enumerated() {
            #expect(line.count == side)
            for (x, ch) in line.enumerated() {
                let top = qr[x - QRCode.quietZone, 2 * row - QRCode.quietZone]
                let bottom = qr[x - QRCode.quietZone, 2 * row + 1 - QRCode.quietZone]
                let expected: Character = top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " ")
                #expect(ch == expected, "line \(row) column \(x)")
            }
        }
        let inverted = qr.terminalText(invert: true)
        #expect(inverted.filter { $0 == "█" }.count == lines.joined().filter { $0 == " " }.count)
    }

    @Test func svgPathCoversExactlyTheDarkModules() throws {
        let qr = try QRCode(Self.link)
        let scale = 4, q = QRCode.quietZone
        let svg = qr.svg(scale: scale)
        let side = (qr.size + 2 * q) * scale
        #expect(svg.contains("viewBox=\"0 0 \(side) \(side)\""))
        // Each run is "M<x> <y>h<w>v<s>h-<w>z": mark its modules and compare with the symbol.
        let path = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
        var dark = [Bool](repeating: false, count: qr.size * qr.size)
        for run in path.split(separator: "z") {
            let numbers = run.split(whereSeparator: { "Mhv- ".contains($0) }).compactMap { Int($0) }
            try #require(numbers.count == 5 && numbers[3] == scale)
            let (x0, y) = (numbers[0] / scale - q, numbers[1] / scale - q)
            for x in x0..<(x0 + numbers[2] / scale) { dark[y * qr.size + x] = true }
        }
        #expect(dark == qr.modules)
    }

    /// The PNG is cairo's: compressed, a few kilobytes rather than the raw pixels that stored
    /// (uncompressed) deflate blocks would carry.
    @Test func pngIsCompressedByCairo() throws {
        let qr = try QRCode(Self.link)
        let png = try qr.png(scale: 8)
        let side = (qr.size + 2 * QRCode.quietZone) * 8
        #expect(png.count < side * side / 10, "\(png.count) bytes for \(side)×\(side) pixels")
    }

    @Test func pngIsReadBackByZbar() throws {
        let qr = try QRCode(Self.link)
        let png = try qr.png(scale: 6)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        guard let zbar = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first(where: FileManager.default.isExecutableFile) else {
            Issue.record("zbarimg is not installed (scripts/install-deps installs zbar-tools)")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try png.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbar)
        process.arguments = ["-q", "--raw", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == Self.link)
    }
}
