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
}
