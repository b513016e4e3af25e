import Foundation

/// A small, fast, seedable generator (SplitMix64), so the sandbox's data is reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in `0..<n`.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// True once in `n` draws on average.
    public mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }
    /// Uniform in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }
    /// Uniform in `[a, b)`.
    mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * Double(next() >> 11) / Double(1 << 53)
    }
    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { uniform(0, 1) < p }
    /// Normally distributed (Box–Muller).
    mutating func normal(_ mean: Double, _ sd: Double) -> Double {
        let u = max(uniform(0, 1), 1e-12), v = uniform(0, 1)
        return mean + sd * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    /// A seed for an independent stream, so adding draws in one part of a story does not
    /// change the others.
    mutating func fork() -> SplitMix64 { SplitMix64(seed: next()) }
}
