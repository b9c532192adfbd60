import ArgumentParser

/// `botsift evaluate` (being built; see the issue tracker).
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(evaluate: not built yet)")

    func run() throws {
        throw ValidationError("botsift evaluate is not built yet")
    }
}
