import LinAlg

/// Who a feature row belongs to.
public struct AccountIdentity: Sendable, Equatable {
    public var userID: String
    public var screenName: String

    public init(userID: String, screenName: String) {
        self.userID = userID
        self.screenName = screenName
    }
}

/// Feature vectors of a batch: one row per account (sorted by user id, so the table does not depend on input
/// order), one column per schema feature. Every value is finite.
public struct FeatureTable: Sendable {
    public let schema: FeatureSchema
    public let accounts: [AccountIdentity]
    /// rows = accounts, columns = `schema.features`.
    public let values: Matrix

    /// A table; the shapes must agree with the schema and account list.
    public init(schema: FeatureSchema, accounts: [AccountIdentity], values: Matrix) {
        precondition(values.rows == accounts.count && values.columns == schema.features.count,
                     "feature table shape \(values.rows) x \(values.columns) does not match \(accounts.count) accounts x \(schema.features.count) features")
        self.schema = schema
        self.accounts = accounts
        self.values = values
    }

    /// The column called `name`, one value per account; nil when the schema has no such feature.
    public func column(named name: String) -> [Double]? {
        guard let index = schema.features.firstIndex(where: { $0.name == name }) else { return nil }
        return values.column(index)
    }
}
