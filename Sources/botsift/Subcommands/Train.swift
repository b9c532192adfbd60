import ArgumentParser

/// `botsift train` (being built; see the issue tracker).
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(train: not built yet)")

    func run() throws {
        throw ValidationError("botsift train is not built yet")
    }
}
