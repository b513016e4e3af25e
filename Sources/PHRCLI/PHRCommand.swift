import ArgumentParser

/// `phr`: your หมอพร้อม (Mor Prom) personal health record at the terminal.
public struct PHRCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "phr",
        abstract: "Your Mor Prom personal health record, in the terminal.",
        discussion: """
            Log in with the Mor Prom consent (OTP or OAuth), sync your record into an encrypted \
            local store, show it in Thai or English, export it, and share it with a clinic.

            Exit codes: 0 ok, 1 unexpected error, 3 not logged in or session expired, \
            4 wrong passphrase or not a phr store, 5 store damaged, 6 server unreachable, \
            7 refused by the server, 8 server failing or unreadable, 9 smart card, \
            10 output file, 11 nothing synced yet, 12 consent code, 13 disk full or I/O, \
            14 the store belongs to another citizen, 64 usage, 130 interrupted (see docs/exit-codes.md).

            Profiles keep a family's records apart, one person per store: \
            phr profile add NAME, then phr --profile NAME … (or PHR_PROFILE=NAME).
            """,
        version: version,
        subcommands: [InitCommand.self, LoginCommand.self, SyncCommand.self, ShowCommand.self, ExportCommand.self, StatusCommand.self, LogoutCommand.self,
                      ShareCommand.self, ClinicCommand.self, CardCommand.self, KioskCommand.self,
                      ProfileCommand.self, MeasureCommand.self, ReportVisitCommand.self, PasswdCommand.self, UnlockCommand.self, LockCommand.self, DBCommand.self]
    )

    /// `phr --profile NAME <command>`: the same option every store command takes.
    @OptionGroup var profile: ProfileOptions

    public init() {}
}
