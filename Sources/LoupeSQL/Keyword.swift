// The words the parser gives meaning to. Keywords are matched case-insensitively; any other word
// is an identifier. A few keywords are reserved: they cannot be used as bare column names or
// implicit aliases (quote them to do so), which keeps `SELECT a FROM t` unambiguous.

/// A SQL keyword, spelled in upper case. `Keyword.allCases` feeds tab completion.
public enum Keyword: String, CaseIterable, Hashable, Sendable {
    case add = "ADD"
    case after = "AFTER"
    case alias = "ALIAS"
    case all = "ALL"
    case alter = "ALTER"
    case and = "AND"
    case anti = "ANTI"
    case any = "ANY"
    case array = "ARRAY"
    case `as` = "AS"
    case asc = "ASC"
    case asof = "ASOF"
    case ast = "AST"
    case between = "BETWEEN"
    case by = "BY"
    case `case` = "CASE"
    case cast = "CAST"
    case check = "CHECK"
    case codec = "CODEC"
    case column = "COLUMN"
    case comment = "COMMENT"
    case compression = "COMPRESSION"
    case constraint = "CONSTRAINT"
    case create = "CREATE"
    case cross = "CROSS"
    case database = "DATABASE"
    case databases = "DATABASES"
    case `default` = "DEFAULT"
    case delete = "DELETE"
    case desc = "DESC"
    case describe = "DESCRIBE"
    case distinct = "DISTINCT"
    case div = "DIV"
    case drop = "DROP"
    case `else` = "ELSE"
    case end = "END"
    case engine = "ENGINE"
    case except = "EXCEPT"
    case exists = "EXISTS"
    case explain = "EXPLAIN"
    case `false` = "FALSE"
    case final = "FINAL"
    case first = "FIRST"
    case format = "FORMAT"
    case from = "FROM"
    case full = "FULL"
    case global = "GLOBAL"
    case group = "GROUP"
    case having = "HAVING"
    case `if` = "IF"
    case ilike = "ILIKE"
    case `in` = "IN"
    case index = "INDEX"
    case infile = "INFILE"
    case inner = "INNER"
    case insert = "INSERT"
    case intersect = "INTERSECT"
    case interval = "INTERVAL"
    case into = "INTO"
    case `is` = "IS"
    case join = "JOIN"
    case key = "KEY"
    case last = "LAST"
    case left = "LEFT"
    case like = "LIKE"
    case limit = "LIMIT"
    case materialized = "MATERIALIZED"
    case mod = "MOD"
    case not = "NOT"
    case null = "NULL"
    case nulls = "NULLS"
    case offset = "OFFSET"
    case on = "ON"
    case optimize = "OPTIMIZE"
    case or = "OR"
    case order = "ORDER"
    case outer = "OUTER"
    case outfile = "OUTFILE"
    case partition = "PARTITION"
    case pipeline = "PIPELINE"
    case plan = "PLAN"
    case prewhere = "PREWHERE"
    case primary = "PRIMARY"
    case right = "RIGHT"
    case sample = "SAMPLE"
    case select = "SELECT"
    case semi = "SEMI"
    case settings = "SETTINGS"
    case show = "SHOW"
    case syntax = "SYNTAX"
    case system = "SYSTEM"
    case table = "TABLE"
    case tables = "TABLES"
    case then = "THEN"
    case totals = "TOTALS"
    case `true` = "TRUE"
    case truncate = "TRUNCATE"
    case type = "TYPE"
    case union = "UNION"
    case update = "UPDATE"
    case use = "USE"
    case using = "USING"
    case values = "VALUES"
    case vector = "VECTOR"
    case when = "WHEN"
    case `where` = "WHERE"
    case with = "WITH"

    private static let byName: [String: Keyword] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The keyword spelled by `word` in any letter case, or nil.
    public init?(word: some StringProtocol) {
        guard word.count <= 12, let keyword = Keyword.byName[word.uppercased()] else { return nil }
        self = keyword
    }

    /// Reserved keywords cannot be bare identifiers or implicit aliases (but may name functions
    /// when followed by `(`, as in `left(s, 3)`).
    public var isReserved: Bool {
        switch self {
        case .all, .and, .anti, .any, .array, .as, .asc, .asof, .between, .by, .case, .cross, .desc,
            .distinct, .else, .end, .except, .final, .format, .from, .full, .global, .group, .having,
            .ilike, .in, .inner, .intersect, .into, .is, .join, .left, .like, .limit, .not, .offset,
            .on, .or, .order, .outer, .prewhere, .right, .sample, .select, .semi, .settings, .then,
            .union, .using, .values, .when, .where, .with, .null, .true, .false, .div, .mod:
            return true
        default:
            return false
        }
    }
}
