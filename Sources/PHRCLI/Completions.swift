import ArgumentParser
import PHRModel
import PHRRender
import PHRStore

/// What bash, zsh and fish complete for phr's values (completions/ is generated from these by
/// scripts/gen-docs). Units seen in the store are not offered: listing them would need the
/// store's key, and a completion never asks for a passphrase.
enum Completions {
    /// Kind names as typed: `vitals`, `meds` …
    static let kinds = CompletionKind.list(RecordKind.allCases.map(\.rawValue))
    /// What `phr show` shows.
    static let views = CompletionKind.list(["summary"] + RecordKind.allCases.map(\.rawValue) + ["flags", "caregivers", "appointments"])
    static let languages = CompletionKind.list(DisplayLanguage.allCases.map(\.rawValue))
    /// Lab tests by their short names (`phr show labs --test`).
    static let tests = CompletionKind.list(LabTest.catalog.map(\.id))
    /// The profiles on this computer: names of directories, nothing read from a store.
    static let profiles = CompletionKind.custom { _, _, _ in StoreLocation.profiles() }
}
