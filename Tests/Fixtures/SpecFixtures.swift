import Foundation

/// The ministry's own examples (SPEC.md) as files, Tests/Fixtures/spec (see its README.md).
public enum SpecFixtures {
    /// The directory of the fixtures.
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("spec")

    /// The bytes of one fixture, e.g. `encounter.json`.
    public static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }
}
