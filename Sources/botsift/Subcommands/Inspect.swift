import ArgumentParser

/// `botsift inspect` (being built; see the issue tracker).
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(inspect: not built yet)")

    func run() throws {
        throw ValidationError("botsift inspect is not built yet")
    }
}
