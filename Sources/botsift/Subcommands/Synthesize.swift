import ArgumentParser

/// `botsift synthesize` (being built; see the issue tracker).
struct Synthesize: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(synthesize: not built yet)")

    func run() throws {
        throw ValidationError("botsift synthesize is not built yet")
    }
}
