import Foundation
import Testing
@testable import PHRKiosk
#if canImport(Glibc)
import Glibc
#endif

/// The printer command as a real child process: what it inherits, and that it can be stopped.
@Suite(.serialized) struct ChildProcessTests {
    /// Runs `body` with SIGTERM blocked on this thread and SIGUSR1 ignored, as a worker thread
    /// of the kiosk might have them; restores both.
    func withHostileParent<T>(_ body: () throws -> T) rethrows -> T {
        var block = sigset_t(), old = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &block, &old)
        let previous = signal(SIGUSR1, SIG_IGN)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil); signal(SIGUSR1, previous) }
        return try body()
    }

    @Test func aChildStartsWithNoBlockedOrIgnoredSignalAndOnlyItsThreeDescriptors() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)   // inheritable: no CLOEXEC
        defer { close(socketFD) }
        #expect(socketFD >= 3)
        let child = try withHostileParent { try ChildProcess.spawn("/bin/sleep", ["30"], stderrPath: dir + "/err") }
        // Read from outside, once the child is `sleep` (after exec).
        while (try? String(contentsOfFile: "/proc/\(child.pid)/comm", encoding: .utf8)) != "sleep\n" {
            try await Task.sleep(for: .milliseconds(10))
        }
        let status = try String(contentsOfFile: "/proc/\(child.pid)/status", encoding: .utf8)
        // Just after exec the dynamic loader (and sleep's setlocale) open and close files of their
        // own on descriptor 3; an inherited descriptor never goes away, so wait for the list to settle.
        func descriptors() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: "/proc/\(child.pid)/fd").sorted() }
        var fds = try descriptors()
        let settle = ContinuousClock.now + .seconds(10)
        while fds != ["0", "1", "2"], ContinuousClock.now < settle {
            try await Task.sleep(for: .milliseconds(20))
            fds = try descriptors()
        }
        await child.stop()
        #expect(status.contains("SigBlk:\t0000000000000000"), "\(status)")
        // Signals 32 and 33 are glibc's own (thread cancellation, setxid); no program can use them.
        let ignored = status.split(separator: "\n").first { $0.hasPrefix("SigIgn:") }
            .flatMap { UInt64($0.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16) }
        #expect(ignored.map { $0 & ~UInt64(0x1_8000_0000) } == 0, "\(status)")
        #expect(fds == ["0", "1", "2"])
    }

    @Test func aChildCanBeStoppedWithSIGTERM() async throws {
        let child = try withHostileParent { try ChildProcess.spawn("/bin/sleep", ["30"]) }
        kill(child.pid, SIGTERM)
        #expect(await child.wait(timeout: .seconds(30)) == .signalled(SIGTERM))
    }

    @Test func aProgramThatCannotStartIsAnError() {
        #expect(throws: KioskError.self) { try ChildProcess.spawn("/nonexistent/lp", []) }
    }
}

@Suite(.serialized) struct PrintJobTests {
    func job(_ command: String, timeout: Duration = .seconds(30), log: String) -> PrintJob {
        PrintJob(command: PrinterCommand(command)!, timeout: timeout, log: StaffLog(path: log), searchPath: "/usr/bin:/bin")
    }

    func pdf(_ dir: String) throws -> String {
        try "%PDF secret record PENICILLIN".write(toFile: dir + "/print.pdf", atomically: true, encoding: .utf8)
        return dir + "/print.pdf"
    }

    @Test func printsWithTheFilePlaceholderAndRemovesThePDF() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try pdf(dir)
        let outcome = await job("cp {file} \(dir)/printed.pdf", log: dir + "/staff.log").run(file: file, errorFile: dir + "/print.err")
        #expect(outcome == .printed)
        #expect(FileManager.default.fileExists(atPath: dir + "/printed.pdf"))
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(!FileManager.default.fileExists(atPath: dir + "/print.err"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/staff.log"), "nothing to tell the staff")
    }

    @Test func aFailureGoesToTheStaffLogWithoutTheRecordOrItsPath() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try pdf(dir)
        let outcome = await job("sh -c {file} ; ", log: dir + "/staff.log").run(file: file, errorFile: dir + "/print.err")
        #expect(outcome == .failed)
        let log = try String(contentsOfFile: dir + "/staff.log", encoding: .utf8)
        #expect(log.contains("print: /usr/bin/sh exited") || log.contains("print: /bin/sh exited"), "\(log)")
        #expect(!log.contains("PENICILLIN") && !log.contains(file), "\(log)")
        #expect(!FileManager.default.fileExists(atPath: file))
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/staff.log")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aMissingProgramIsLogged() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try pdf(dir)
        #expect(await job("no-such-lp {file}", log: dir + "/staff.log").run(file: file, errorFile: dir + "/print.err") == .failed)
        #expect(try String(contentsOfFile: dir + "/staff.log", encoding: .utf8).contains("no-such-lp not found on PATH"))
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func aCancelledPrintStopsTheCommandAndRemovesThePDF() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try pdf(dir)
        let printing = job("tail -f {file}", log: dir + "/staff.log")
        let task = Task { await printing.run(file: file, errorFile: dir + "/print.err") }
        while !FileManager.default.fileExists(atPath: dir + "/print.err") { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        #expect(await task.value == .cancelled)
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func aPrinterThatHangsIsStoppedAtTheTimeout() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try pdf(dir)
        let outcome = await job("tail -f {file}", timeout: .milliseconds(200), log: dir + "/staff.log").run(file: file, errorFile: dir + "/print.err")
        #expect(outcome == .failed)
        #expect(try String(contentsOfFile: dir + "/staff.log", encoding: .utf8).contains("still running"))
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}
