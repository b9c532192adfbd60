import Testing
import LinAlg

@Suite struct BLASRuntimeTests {
    @Test func noRecommendationWhenOpenBLASChoseASpecificKernel() {
        #expect(BLASRuntime.recommendedCoreType(currentCore: "SkylakeX") == nil)
        #expect(BLASRuntime.recommendedCoreType(currentCore: "Haswell") == nil)
    }

    @Test func genericKernelGetsAnAVXKernelOrNothing() {
        let recommendation = BLASRuntime.recommendedCoreType(currentCore: "Prescott")
        #expect(recommendation == nil || recommendation == "SkylakeX" || recommendation == "Haswell")
    }

    @Test func reexecutionAsksForOneBLASThreadOnlyWhenTheUserChoseNone() {
        let unset = BLASRuntime.reexecEnvironment(coreType: "SkylakeX") { _ in false }
        #expect(unset.map(\.0) == ["OPENBLAS_CORETYPE", "BOTSIFT_SET_OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS"])
        #expect(unset.map(\.1) == ["SkylakeX", "1", "1"])
        for chosen in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"] {
            let kept = BLASRuntime.reexecEnvironment(coreType: "Haswell") { $0 == chosen }
            #expect(kept.map(\.0) == ["OPENBLAS_CORETYPE", "BOTSIFT_SET_OPENBLAS_CORETYPE"], "\(chosen)")
        }
    }
}
