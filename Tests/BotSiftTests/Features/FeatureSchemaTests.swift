import Foundation
import Testing
@testable import BotSift

@Suite struct FeatureSchemaTests {
    @Test func identicalSchemasHaveNoMismatchAndSurviveJSON() throws {
        let schema = FeatureSchema(configuration: FeatureConfiguration())
        #expect(schema.mismatch(comparedTo: FeatureSchema(configuration: FeatureConfiguration())) == nil)
        let decoded = try JSONDecoder().decode(FeatureSchema.self, from: JSONEncoder().encode(schema))
        #expect(decoded == schema)
        #expect(schema.version == FeatureSchema.currentVersion)
        #expect(schema.names.first == "log_followers")
        #expect(schema.names.last == "coposting_minute_share")
        #expect(schema.features.first { $0.name == "log_gap_mean" }?.transform == .log1p)
        #expect(schema.features.allSatisfy { $0.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } })
        #expect(schema.features.allSatisfy { !$0.unit.isEmpty && !$0.summary.isEmpty })
    }

    @Test func everyFeatureIsDocumented() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let documentation = try String(contentsOf: repository.appendingPathComponent("docs/FEATURES.md"), encoding: .utf8)
        for name in FeatureSchema(configuration: FeatureConfiguration()).names {
            // The language one-hot columns share one row: `account_language_ar`, `_en`, ...
            let suffix = name.hasPrefix("account_language_") ? "`_\(name.dropFirst("account_language_".count))`" : nil
            #expect(documentation.contains("`\(name)`") || suffix.map(documentation.contains) == true, "\(name)")
        }
        #expect(documentation.contains("schema version \(FeatureSchema.currentVersion)"))
    }

    @Test func decodingNormalisesFamiliesAndRejectsABadThreshold() throws {
        let unordered = #"{"families":["cohort","metadata"],"cohortMinimumCoposters":2}"#
        let decoded = try JSONDecoder().decode(FeatureConfiguration.self, from: Data(unordered.utf8))
        #expect(decoded == FeatureConfiguration(families: [.metadata, .cohort], cohortMinimumCoposters: 2))
        let negative = #"{"families":["timing"],"cohortMinimumCoposters":-1}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FeatureConfiguration.self, from: Data(negative.utf8))
        }
    }

    @Test func configurationKeepsFamiliesInCanonicalOrder() {
        var configuration = FeatureConfiguration(families: [.cohort, .metadata, .cohort])
        #expect(configuration.families == [.metadata, .cohort])
        configuration.families = [.behaviour, .timing]
        #expect(configuration.families == [.timing, .behaviour])
        #expect(FeatureSchema(configuration: configuration).features.map(\.family).first == .timing)
    }

    @Test func mismatchNamesMissingAndExtraFeaturesAndFamilies() {
        let full = FeatureSchema(configuration: FeatureConfiguration())
        let noCohort = FeatureSchema(configuration: FeatureConfiguration(families: [.metadata, .timing, .behaviour]))
        #expect(noCohort.mismatch(comparedTo: full) ==
            "Feature schemas differ: families are metadata, timing, behaviour here but metadata, timing, behaviour, "
            + "cohort in the other; missing here (only in the other): log_same_creation_day_accounts, "
            + "log_same_creation_week_accounts, coposting_minute_share.")
        let message = full.mismatch(comparedTo: noCohort)
        #expect(message?.contains("extra here (not in the other): log_same_creation_day_accounts") == true)
    }

    @Test func mismatchReportsVersionThresholdOrderAndChangedDescriptors() {
        let schema = FeatureSchema(configuration: FeatureConfiguration())
        var other = schema
        other.version = schema.version + 1
        other.configuration.cohortMinimumCoposters = 5
        other.features.swapAt(0, 1)
        other.features[5].unit = "weeks"
        let message = schema.mismatch(comparedTo: other)
        #expect(message == "Feature schemas differ: schema version is \(schema.version) here but \(schema.version + 1) "
            + "in the other; cohort co-poster threshold is 3 here but 5 in the other; shared features are in a "
            + "different order (first difference: 'log_followers' here where the other has 'log_following'); "
            + "feature 'account_age_at_archive_end_days' differs (unit 'days' vs 'weeks').")
    }

    @Test func longFeatureListsAreAbbreviated() {
        let metadataOnly = FeatureSchema(configuration: FeatureConfiguration(families: [.metadata]))
        let timingOnly = FeatureSchema(configuration: FeatureConfiguration(families: [.timing]))
        let message = metadataOnly.mismatch(comparedTo: timingOnly) ?? ""
        #expect(message.contains("missing here (only in the other): log_posts, log_active_days"))
        #expect(message.contains("and 12 more"))  // 20 timing features, 8 shown
    }

    @Test func clientCatalogueClassifiesByExactFoldedName() {
        #expect(ClientCatalogue.category(ofClientNamed: "Twitter for iPhone") == .official)
        #expect(ClientCatalogue.category(ofClientNamed: " twitter web app ") == .official)
        #expect(ClientCatalogue.category(ofClientNamed: "Mobile Web (M2)") == .official)
        #expect(ClientCatalogue.category(ofClientNamed: "IFTTT") == .automation)
        #expect(ClientCatalogue.category(ofClientNamed: "Hootsuite Inc.") == .automation)
        #expect(ClientCatalogue.category(ofClientNamed: "Tweetbot for iΟS") == .other)
        #expect(ClientCatalogue.category(ofClientNamed: "Twitter for Bots") == .other)
        #expect(ClientCatalogue.category(ofClientNamed: "") == .other)
    }

    @Test func accountLanguageFolding() {
        #expect(AccountLanguage.slot(of: "en-GB") == AccountLanguage.listed.firstIndex(of: "en"))
        #expect(AccountLanguage.slot(of: "pt-br") == AccountLanguage.listed.firstIndex(of: "pt"))
        #expect(AccountLanguage.slot(of: "zh-TW") == AccountLanguage.listed.firstIndex(of: "zh-tw"))
        #expect(AccountLanguage.slot(of: "zh") == AccountLanguage.otherSlot)
        #expect(AccountLanguage.slot(of: "  ") == AccountLanguage.missingSlot)
    }

    @Test func compactTimeCalendarArithmetic() {
        // 2020-01-06 00:00 UTC is Unix day 18267, a Monday; one second earlier is Sunday.
        let monday = CompactTime.compact(1_578_268_800)
        #expect(CompactTime.unixDay(monday) == 18_267)
        #expect(CompactTime.weekday(unixDay: 18_267) == 0)
        #expect(CompactTime.weekday(unixDay: CompactTime.unixDay(monday - 1)) == 6)
        #expect(CompactTime.floorDivide(-1, 60) == -1)
        #expect(CompactTime.floorModulo(-1, 60) == 59)
        // 2020-01-01 (Wed) and 2020-01-05 (Sun) share an ISO week; 2020-01-06 (Mon) starts the next.
        #expect(CompactTime.isoWeek(unixDay: 18_262) == CompactTime.isoWeek(unixDay: 18_266))
        #expect(CompactTime.isoWeek(unixDay: 18_267) == CompactTime.isoWeek(unixDay: 18_266) + 1)
    }
}
