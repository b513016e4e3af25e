import Testing

@Suite struct CommandLineTests {
    @Test func versionAndHelp() throws {
        let v = try run(binary("phr"), ["--version"])
        #expect(v.status == 0)
        #expect(v.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let h = try run(binary("phr"), ["--help"])
        #expect(h.status == 0)
        #expect(h.stdout.contains("หมอพร้อม"))
    }

    @Test func unknownCommandIsAUsageError() throws {
        let r = try run(binary("phr"), ["frobnicate"])
        #expect(r.status == 64)
        #expect(!r.stderr.isEmpty)
    }
}

import Foundation
