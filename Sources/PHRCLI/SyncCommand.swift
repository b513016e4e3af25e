import ArgumentParser
import Foundation
import PHRClient
import PHRModel
import PHRRender
import PHRStore
import PHRSync

/// `phr sync`: fetch the PHR into the encrypted store.
struct SyncCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch your health record from the PHR service into the encrypted store.",
        discussion: """
            Incremental and resumable: unchanged data is recognised and not rewritten, visits \
            already fetched are skipped, and an interrupted sync (Ctrl-C, kill, network loss) \
            continues where it stopped the next time. Records are never duplicated.

            Kinds: vitals, conditions, meds, allergies, vaccines, coverage, encounters, labs.
            """)

    @Option(name: .customLong("kind"), help: ArgumentHelp("Only these kinds (comma-separated).", valueName: "kinds"), completion: Completions.kinds)
    var kindList: String?

    @Flag(help: "Fetch everything again, ignoring what is already stored.")
    var full = false

    @Option(help: "Requests in flight at once (1-32).")
    var jobs = 8

    @Flag(name: .shortAndLong, help: "No progress bar, only the summary.")
    var quiet = false

    @OptionGroup var server: ServerOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        _ = try kinds()
        guard (1...32).contains(jobs) else { throw ValidationError(Message.jobsRange.text(Locale.language)) }
    }

    func kinds() throws -> Set<RecordKind> {
        guard let kindList else { return Set(RecordKind.allCases) }
        guard let kinds = KindNames.parse(kindList) else {
            throw ValidationError(Message.unknownKind.text(Locale.language, ["text": String(kindList.prefix(40)), "kinds": KindNames.list]))
        }
        return Set(kinds)
    }

    func execute() async throws {
        let config = try Config.load()
        let opened = try store.open()
        defer { opened.close() }
        let showProgress = !quiet && Terminal.stderrIsTTY
        _ = try await server.session(in: opened, config: config)   // logged in (or offered to) before anything is sent
        // The outbox first: home readings go out before anything comes in (they are safe in the
        // store either way; a failure here does not stop the sync).
        do { Outbox.say(try await Outbox.send(opened, server: server)) } catch {
            let failure = error as? CLIFailure
            let message = (Locale.prefersThai ? failure?.messageTH : nil) ?? failure?.message ?? "\(error)"
            Terminal.err(Locale.prefersThai ? "phr: ยังส่งค่าที่วัดเองที่บ้านไม่ได้ (\(Sanitize.line(message, limit: 200))) ข้อมูลยังรอส่งอยู่ครบ\n"
                                             : "phr: home readings not sent yet (\(Sanitize.line(message, limit: 200))); they stay in the outbox\n")
        }
        let progress = ProgressLine(enabled: showProgress)
        let options = SyncOptions(kinds: try kinds(), concurrency: jobs, full: full)
        // Retries are the transport's business: on a terminal they show in the progress line
        // (replaced by the next progress), never as lines of their own; off a terminal only the
        // final outcome is reported.
        // Ctrl-C stops the sync: what was committed stays, and one line says how much.
        let run = await Interrupt.onControlC(stopped: { progress.stoppedLine() }) {
            try await server.withSession(in: opened, config: config, onRetry: { wait, reason in
                progress.retrying(in: wait, because: reason)
            }) { service, session -> SyncSummary in
                defer { progress.finish() }
                do throws(SyncError) {
                    return try await Syncer(service: service, store: opened, credential: session.credential, options: options)
                        .run { progress.handle($0) }
                } catch {
                    throw error.cliFailure
                }
            }
        }
        let summary = try run.get()
        try? opened.write { try $0.audit("sync", "requests=\(summary.requests) failures=\(summary.failures.count)") }
        let tally: RecordTally
        do { tally = try opened.read { try $0.tally() } } catch { throw error.cliFailure }
        Terminal.out(SyncReport.table(summary, kinds: try kinds(), stored: tally))
        if !summary.failures.isEmpty {
            for f in summary.failures.prefix(5) { Terminal.err((Locale.prefersThai ? "phr: ดึงข้อมูลไม่ได้: " : "phr: not fetched: ") + "\(Sanitize.line(f.action)) (\(Sanitize.line(f.reason)))\n") }
            if summary.failures.count > 5 { Terminal.err(Locale.prefersThai ? "phr: … และอีก \(summary.failures.count - 5) รายการ\n" : "phr: … and \(summary.failures.count - 5) more\n") }
            let kinds = summary.incompleteKinds.sorted().map(\.rawValue).joined(separator: ", ")
            throw CLIFailure(.server, "partly synced: \(kinds) incomplete; everything else is saved; run `phr sync` again to fetch the rest",
                             th: "ซิงก์ได้บางส่วน ข้อมูลที่ได้แล้วถูกบันทึก กรุณาเรียก phr sync อีกครั้ง")
        }
    }
}

/// The summary table printed after a sync. "flagged" counts the records of each kind in the
/// store that carry a data-quality flag (so a re-sync that changes nothing shows the same
/// number); `phr show flags` lists them.
enum SyncReport {
    static func table(_ s: SyncSummary, kinds: Set<RecordKind>, stored: RecordTally) -> String {
        let thai = Locale.prefersThai
        // In Thai the kinds are named as the views title them; the column widens to the longest.
        let words = RecordText(DisplayOptions(language: .th))
        let shown = RecordKind.allCases.filter(kinds.contains)
        let name = { (kind: RecordKind) in thai ? words.title(kind) : kind.rawValue }
        let width = thai ? max(14, (shown.map { TextWidth.columns(name($0)) }.max() ?? 0) + 2) : 14
        var lines = [thai ? TextWidth.pad("ประเภท", width + 2) + "ใหม่    แก้ไข   เหมือนเดิม  มีข้อสังเกต" : "kind              new  updated  unchanged  flagged"]
        for kind in shown {
            let c = s.counts[kind] ?? UpsertCounts()
            lines.append(TextWidth.pad(name(kind), width)
                + [c.new, c.updated, c.unchanged, stored.flaggedCounts[kind] ?? 0].map { String($0).leftPad(thai ? 8 : 9) }.joined())
        }
        lines.append(thai ? "คำขอ \(s.requests) ครั้ง, ข้าม \(s.skipped) (ไม่เปลี่ยนแปลง)" : "\(s.requests) requests, \(s.skipped) skipped as unchanged")
        if stored.flagged > 0 {
            lines.append(thai ? "\(stored.flagged) รายการมีข้อมูลน่าสงสัย: phr show flags" : "\(stored.flagged) records have doubtful data: phr show flags")
        }
        for short in s.labsShort.prefix(5) {
            let test = Sanitize.line(short.total.name, limit: 40) + (short.total.unit.isEmpty ? "" : " (\(Sanitize.line(short.total.unit, limit: 20)))")
            lines.append(thai ? "ผลตรวจ \(test): บริการนับได้ \(short.total.count) ได้รับ \(short.stored) — เรียก phr sync --full --kind labs"
                              : "labs \(test): the service counts \(short.total.count), \(short.stored) arrived — run phr sync --full --kind labs")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func leftPad(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}

/// Renders sync events as a one-line progress bar on stderr (only on a terminal), and keeps
/// what was saved so far (for the line of a sync stopped by Ctrl-C).
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var last = Date.distantPast
    private var phase = 0
    /// New or changed records committed so far, per kind.
    private var saved: [RecordKind: Int] = [:]
    /// Requests done of the current phase's total.
    private var requests = (done: 0, total: 0)

    init(enabled: Bool) { self.enabled = enabled }

    func handle(_ event: SyncEvent) {
        lock.lock(); defer { lock.unlock() }
        switch event {
        case .planned: break
        case .progress(let done, let total, _): requests = (done, total)
        case .stored(let kind, let counts): saved[kind] = counts.new + counts.updated
        }
        guard enabled else { return }
        switch event {
        case .planned:
            phase += 1
        case .progress(let done, let total, let action):
            guard done == total || Date().timeIntervalSince(last) > 0.08 else { return }
            last = Date()
            let label = (phase == 1 ? "" : "visits: ") + action
            Terminal.err("\r\u{1B}[K" + ProgressBar(width: Terminal.width).line(done: done, total: total, label: Sanitize.line(label)))
        case .stored:
            break
        }
    }

    /// Shows a retry in the progress line until the next progress replaces it.
    func retrying(in wait: Double, because reason: String) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let thai = Locale.prefersThai
        let line = thai ? "ลองใหม่ใน \(String(format: "%.1f", wait)) วินาที (\(Sanitize.line(reason, limit: 60)))"
                        : "retrying in \(String(format: "%.1f", wait)) s (\(Sanitize.line(reason, limit: 60)))"
        Terminal.err("\r\u{1B}[K" + String(line.prefix(max(20, Terminal.width - 1))))
        last = Date()
    }

    func finish() {
        if enabled { Terminal.err("\r\u{1B}[K") }
    }

    /// The one line after Ctrl-C, on a fresh line (the bar cleared): what was saved, what next.
    func stoppedLine() -> String {
        lock.lock(); defer { lock.unlock() }
        let n = saved.values.reduce(0, +)
        let clear = enabled ? "\r\u{1B}[K" : ""
        return clear + (Locale.prefersThai
            ? "phr: หยุดแล้ว: บันทึกแล้ว \(n) รายการ คำขอเสร็จ \(requests.done) จาก \(requests.total); เรียก `phr sync` เพื่อทำต่อ\n"
            : "phr: stopped: saved \(n) records, \(requests.done) of \(requests.total) requests done; run `phr sync` to continue\n")
    }
}

extension SyncError: CLIFailureConvertible {
    /// The client's or the store's failure, as that layer states it.
    public var cliFailure: CLIFailure {
        switch self {
        case .client(let e): e.cliFailure
        case .store(let e): e.cliFailure
        case .otherCitizen(let asked, let action):
            CLIFailure(.server, "the server answered \(Sanitize.line(action, limit: 40)) with the record of someone other than \(asked.masked); nothing of it was stored; try again later, and tell the health unit if it happens again",
                       th: "เซิร์ฟเวอร์ส่งข้อมูลของบุคคลอื่นที่ไม่ใช่ \(asked.masked) มา (\(Sanitize.line(action, limit: 40))) ไม่ได้บันทึกข้อมูลนั้น ลองใหม่ภายหลัง และแจ้งหน่วยบริการหากเกิดซ้ำ")
        }
    }
}
