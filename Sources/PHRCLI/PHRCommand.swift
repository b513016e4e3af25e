import ArgumentParser

/// `phr`: your หมอพร้อม (Mor Prom) personal health record at the terminal.
public struct PHRCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "phr",
        abstract: "Your หมอพร้อม (Mor Prom) personal health record, in the terminal.",
        discussion: """
            Log in with the Mor Prom consent (OTP or OAuth), sync your record into an encrypted
            local store, show it in Thai or English, export it, and share it with a clinic.
            Exit codes are listed in `man phr` and docs/exit-codes.md.
            """,
        version: version,
        subcommands: [InitCommand.self, LoginCommand.self, SyncCommand.self, StatusCommand.self, LogoutCommand.self,
                      PasswdCommand.self, UnlockCommand.self, LockCommand.self, DBCommand.self]
    )

    public init() {}
}
