import CBLASLAPACK

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What OpenBLAS is doing in this process (kernel, threads, build) and the fix for its slow-kernel trap:
/// OpenBLAS 0.3.21 does not recognise some recent Intel CPUs and silently falls back to its generic
/// Prescott kernel, at half the dgemm speed. It reads `OPENBLAS_CORETYPE` in a library constructor,
/// before `main`, so the only fix from inside a program is to re-execute itself with the variable set.
public enum BLASRuntime {
    /// Environment variable OpenBLAS reads to force a kernel.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"
    /// Set by `reexecWithFastKernelIfNeeded` in the child, so that it never re-executes twice and
    /// so that `doctor` can tell who chose the kernel.
    public static let reexecMarkerVariable = "BOTSIFT_SET_OPENBLAS_CORETYPE"

    /// The kernel OpenBLAS selected, e.g. `SkylakeX` or `Prescott`.
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// OpenBLAS's build description (version, DYNAMIC_ARCH, threading).
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// Threads OpenBLAS will use for one call.
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// Whether the kernel was forced by botsift's re-execution rather than by the user or OpenBLAS.
    public static var kernelChosenByBotSift: Bool { getenv(reexecMarkerVariable) != nil }

    /// OpenBLAS's generic fallback kernels: what it picks when it does not know the CPU.
    static let genericKernels: Set<String> = ["prescott", "katmai", "coppermine", "northwood", "banias"]

    /// The kernel to ask for on this CPU when OpenBLAS fell back to a generic one; nil when it chose well.
    public static func recommendedCoreType(currentCore: String = coreName) -> String? {
        guard genericKernels.contains(currentCore.lowercased()) else { return nil }
        if CPUFeatures.avx512f { return "SkylakeX" }
        if CPUFeatures.avx2 { return "Haswell" }
        return nil
    }

    /// Re-executes the running program with `OPENBLAS_CORETYPE` set when OpenBLAS chose a generic kernel
    /// on a CPU that has a faster one (with the variables of `reexecEnvironment`). Never overrides a value the
    /// user set, and never loops. Returns normally when nothing needs doing or when re-execution is impossible
    /// (then the slow kernel stays).
    public static func reexecWithFastKernelIfNeeded() {
        guard getenv(coreTypeVariable) == nil, getenv(reexecMarkerVariable) == nil,
              let coreType = recommendedCoreType() else { return }
        let variables = reexecEnvironment(coreType: coreType) { getenv($0) != nil }
        for (name, value) in variables { setenv(name, value, 1) }
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv returned: it failed. Undo, and carry on with the slow kernel.
        for (name, _) in variables where name != reexecMarkerVariable { unsetenv(name) }
    }

    /// The variables a re-execution sets (`isSet` tells which the user set): the kernel, the marker, and
    /// `OPENBLAS_NUM_THREADS=1` when the user chose no thread count. That is botsift's default anyway
    /// (`applyDefaultThreadCount`), and set before OpenBLAS loads it also starts no worker threads: an idle
    /// worker spins on sched_yield for about 0.1 s after start, on a core that reading needs.
    public static func reexecEnvironment(coreType: String, isSet: (String) -> Bool) -> [(String, String)] {
        var variables = [(coreTypeVariable, coreType), (reexecMarkerVariable, "1")]
        if !threadCountChosen(isSet: isSet) { variables.append((threadCountVariables[0], "1")) }
        return variables
    }

    /// Environment variables that set OpenBLAS's thread count.
    static let threadCountVariables = ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"]

    static func threadCountChosen(isSet: (String) -> Bool) -> Bool { threadCountVariables.contains(where: isSet) }

    /// Applies botsift's thread default: one BLAS thread (measured faster than two for our tall-skinny
    /// shapes on 2-core machines) unless the user set `OPENBLAS_NUM_THREADS` or `OMP_NUM_THREADS`.
    public static func applyDefaultThreadCount() {
        guard !threadCountChosen(isSet: { getenv($0) != nil }) else { return }
        threadCount = 1
    }
}

/// Instruction sets of the CPU running this process, probed once: they pick OpenBLAS's kernel and botsift's own
/// AVX-512 kernels (built for baseline x86-64, chosen at run time).
public enum CPUFeatures {
    public static let avx512f = botsift_cpu_supports_avx512f() != 0
    public static let avx2 = botsift_cpu_supports_avx2() != 0
    /// AVX-512 F and BW with VBMI's byte permutes and VBMI2's byte compress (Ice Lake and later, Zen 4).
    public static let avx512BytePacking = botsift_cpu_supports_avx512_byte_packing() != 0
}
