import ArgumentParser
import BotSift
import LinAlg

/// `botsift doctor`: what BLAS library, kernel and thread count this process uses, and why.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the BLAS library, kernel and thread count in use.",
        discussion: """
            OpenBLAS 0.3.21 falls back to its slow generic Prescott kernel on CPUs it does not know. botsift
            re-executes itself with OPENBLAS_CORETYPE set when that happens, unless you set the variable yourself.

            Example:
              botsift doctor
            """
    )

    func run() throws {
        let origin: String
        if BLASRuntime.kernelChosenByBotSift {
            origin = "chosen by botsift (OPENBLAS_CORETYPE was unset and OpenBLAS fell back to a generic kernel)"
        } else if let forced = Environment.value(of: BLASRuntime.coreTypeVariable) {
            origin = "forced by OPENBLAS_CORETYPE=\(forced) from your environment"
        } else {
            origin = "detected by OpenBLAS"
        }
        print("botsift \(BotSiftVersion.current)")
        print("BLAS library:  OpenBLAS (\(BLASRuntime.configuration.trimmingWhitespace()))")
        print("BLAS kernel:   \(BLASRuntime.coreName) — \(origin)")
        print("BLAS threads:  \(BLASRuntime.threadCount)")
        if let better = BLASRuntime.recommendedCoreType() {
            print("warning: a generic kernel is in use; run with OPENBLAS_CORETYPE=\(better) for about twice the speed")
        }
    }
}
