import ArgumentParser
import BotSift
import LinAlg

/// The `botsift` command: finds bot and influence-operation accounts in archives.
@main
struct BotSiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "botsift",
        abstract: "Find bot and state-backed influence-operation accounts in takedown archives.",
        discussion: """
            Train on labeled takedown archives plus control accounts, measure precision and recall honestly,
            and score new batches of accounts with reasons an analyst can check. Everything runs offline.
            """,
        version: BotSiftVersion.current,
        subcommands: [Inspect.self, Train.self, Evaluate.self, Predict.self, Synthesize.self, Doctor.self]
    )

    /// Gets OpenBLAS onto its fast kernel (re-executing once if needed) before any work starts.
    static func main() {
        BLASRuntime.reexecWithFastKernelIfNeeded()
        BLASRuntime.applyDefaultThreadCount()
        main(nil)
    }
}
