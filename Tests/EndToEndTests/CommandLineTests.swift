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

    /// docs/exit-codes.md: a usage error is one line and exit 64; a typo gets the nearest name.
    @Test(arguments: [
        (["shw"], "did you mean 'show'?"),
        (["--profile", "kid", "sycn"], "did you mean 'sync'?"),
        (["help", "nosuch"], "no help topic 'nosuch'"),
        (["help", "shwo"], "did you mean 'show'?"),
        (["show", "nosuch"], "unknown view 'nosuch'"),
        (["share", "create", "--for", "1069"], "exactly 5 digits"),
        (["export", "--format"], "phr help export"),
    ])
    func usageErrorsAreOneLineWithTheWayOut(arguments: [String], says: String) throws {
        let r = try run(binary("phr"), arguments)
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("phr: ") && r.stderr.filter(\.isNewline).count == 1, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains(says), "\(arguments): \(r.stderr)")
    }

    @Test func helpForAKnownTopicStillWorks() throws {
        let r = try run(binary("phr"), ["help", "show"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: phr show"))
    }
}

import Foundation
