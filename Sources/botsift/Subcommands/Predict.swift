import ArgumentParser

/// `botsift predict` (being built; see the issue tracker).
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(predict: not built yet)")

    func run() throws {
        throw ValidationError("botsift predict is not built yet")
    }
}
