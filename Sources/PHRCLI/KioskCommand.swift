import ArgumentParser
import Foundation
import PHRClient
import PHRExport
import PHRKiosk
import PHRModel
import PHRRender
import PHRStore
#if canImport(Glibc)
import Glibc
#endif

/// `phr kiosk`: an unattended health-unit kiosk (docs/kiosk.md). A citizen inserts the ID
/// card, which gives consent (way 2; the phone OTP if the service refuses it), and sees, prints, exports or shares the record; on card
/// removal, inactivity, Ctrl-C or "done" everything of the visit is wiped and the kiosk waits
/// for the next card.
struct KioskCommand: PHRSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Run the health-unit kiosk: insert ID card → card consent → view/print/export/share/measure BP → wiped.",
        discussion: """
            Settings come from the kiosk file (--config, default /etc/phr/kiosk.toml): \
            hospital_code, server, account_server, ca_file, account_user, account_password_hash_file, \
            card_client_id, card_client_secret_file, card_redirect_uri, reader, \
            timeout_seconds (default 120), printer_command ({file} is the PDF; resolved on PATH), \
            print_timeout_seconds (default 60), staff_log (a file for the staff), staff_confirm_code \
            (lets staff confirm a card/record mismatch), export_dir (a USB drive's mount point), \
            bp_device_command (prints one line SYS/DIA[ PULSE]; without it a BP is typed in), \
            bp_device_name, bp_device_timeout_seconds (default 90), \
            actions (summary,kinds,print,export,share,measure), language (th|en). \
            A visit's record lives only in an ephemeral encrypted store whose key is in memory.
            """)

    @Option(help: ArgumentHelp("The kiosk settings file.", valueName: "file"), completion: .file(extensions: ["toml"]))
    var config = "/etc/phr/kiosk.toml"

    @Option(help: ArgumentHelp("Serve this many visits, then exit (default: run until stopped).", valueName: "n"))
    var visits: Int?

    func execute() async throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIFailure(.usage, "phr kiosk needs a terminal (run it on the kiosk's console, not in a pipe)",
                             th: "phr kiosk ต้องใช้เทอร์มินัล (เรียกที่คอนโซลของตู้บริการ ไม่ใช่ผ่าน pipe)")
        }
        let file = try Config.load(from: config)
        let settings: KioskSettings
        do throws(KioskError) { settings = try KioskSettings(file: config) { file[$0] } } catch {
            guard case .badSetting(let line) = error else { throw CLIFailure(.usage, "\(error)") }
            throw CLIFailure(.usage, line)
        }
        try await Kiosk(settings: settings, host: KioskConfigHost(config: file, hospitalCode: settings.hospitalCode)).run(visits: visits)
    }
}

/// The kiosk's ``KioskHost`` from its settings file: the services and accounts as every `phr`
/// command reads them, and the PDF report of `phr export --format pdf`.
struct KioskConfigHost: KioskHost {
    let config: Config
    let hospitalCode: HospitalCode

    func withService(_ body: (PHRService) async throws -> Void) async throws {
        try await ServerOptions().withService(try ServiceSettings(config: config).services(), body)
    }

    func clientAccount() throws -> ClientAccount {
        var account = try config.clientAccount()
        account.hospitalCode = hospitalCode.value
        return account
    }

    func cardClient() throws -> CardClient { try config.cardClient() }

    func writePDF(_ store: Store, to path: String, options: DisplayOptions) throws {
        let (summary, tally) = try ViewOptions.summary(store)
        let report = try ExportCommand.pdfReport(store, scope: .whole, summary: summary, tally: tally, rows: 40,
                                                 options: options, fullCID: false)
        try ExportFile.write(to: path, force: false) { file throws(ExportError) in
            guard report.write(to: .file(file)) else { throw .cannotWrite(file, reason: "the PDF could not be written (disk full?)") }
        }
    }

    var systemName: String { "phr kiosk \(PHRCommand.version)" }

    func staffLine(_ error: any Error) -> String {
        (error as? CLIFailure)?.message ?? "\(type(of: error))"
    }
}
