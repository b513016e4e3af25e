import CPHRProcess
import PHRCLI
#if canImport(Glibc)
import Glibc
#endif

/// The `phr` executable: everything lives in PHRCLI.
///
/// Before anything else it hardens the process (`phr_process_harden`): no core dumps, not
/// dumpable/ptraceable, and the fatal signals back to their default action, so a crash —
/// at a passphrase prompt or in the kiosk — ends the process without a core file and without
/// Swift's interactive backtracer, whose `mem` command would read keys, tokens and records.
/// The runtime installs the backtracer's handlers before `main` (from `SWIFT_BACKTRACE`, read
/// at load time), so resetting the handlers here is what turns it off whatever the
/// environment says. If hardening fails, `phr` refuses to run (docs/security.md).
@main
enum PHRMain {
    static func main() async {
        guard phr_process_harden() == 0 else {
            let line = "phr: cannot turn off core dumps and crash reports (\(String(cString: strerror(errno)))); refusing to run with health data in memory\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
            exit(1)
        }
        await PHRCommand.runFromCommandLine()
    }
}
