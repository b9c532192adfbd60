/// A dense row-major matrix of `Double` over one contiguous array: the shape BLAS and LAPACK take directly.
public struct Matrix: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var columns: Int
    /// Row-major elements: element (r, c) is at `r * columns + c`.
    public var elements: [Double]

    /// A `rows` x `columns` matrix with every element set to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major elements; `elements.count` must be `rows * columns`.
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        precondition(elements.count == rows * columns, "matrix needs \(rows * columns) elements, got \(elements.count)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from an array of equally long rows.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "all rows must have the same length")
        self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
    }

    /// The `n` x `n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "matrix index out of range")
            return elements[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "matrix index out of range")
            elements[row * columns + column] = newValue
        }
    }

    /// A copy of row `r`.
    public func row(_ r: Int) -> [Double] {
        precondition(r >= 0 && r < rows, "row index out of range")
        return Array(elements[(r * columns)..<((r + 1) * columns)])
    }

    /// A copy of column `c`.
    public func column(_ c: Int) -> [Double] {
        precondition(c >= 0 && c < columns, "column index out of range")
        return (0..<rows).map { elements[$0 * columns + c] }
    }

    /// The transpose, as a new matrix.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for c in 0..<columns { t.elements[c * rows + r] = elements[r * columns + c] }
        }
        return t
    }

    /// The rows at `indices`, in that order (used for folds and bootstrap resamples).
    public func selectingRows<S: Sequence>(_ indices: S) -> Matrix where S.Element == Int {
        var out: [Double] = []
        var count = 0
        for r in indices {
            precondition(r >= 0 && r < rows, "row index out of range")
            out.append(contentsOf: elements[(r * columns)..<((r + 1) * columns)])
            count += 1
        }
        return Matrix(rows: count, columns: columns, elements: out)
    }

    /// Appends one row; its length must equal `columns` (or set it, for an empty 0 x 0 matrix).
    public mutating func appendRow(_ row: [Double]) {
        if rows == 0 && columns == 0 { columns = row.count }
        precondition(row.count == columns, "row length \(row.count) does not match \(columns) columns")
        elements.append(contentsOf: row)
        rows += 1
    }
}

extension Matrix: Codable {
    private enum CodingKeys: String, CodingKey { case rows, columns, elements }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try c.decode(Int.self, forKey: .rows)
        let columns = try c.decode(Int.self, forKey: .columns)
        let elements = try c.decode([Double].self, forKey: .elements)
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw DecodingError.dataCorruptedError(
                forKey: .elements, in: c,
                debugDescription: "matrix of \(rows) x \(columns) needs \(max(0, rows * columns)) elements, has \(elements.count)")
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rows, forKey: .rows)
        try c.encode(columns, forKey: .columns)
        try c.encode(elements, forKey: .elements)
    }
}
