// The canonical names shared by the binder (which resolves and types calls) and the execution
// layer (which implements them). Operators bind to function calls with these names, so there is
// one evaluation path for `a + b` and `plus(a, b)`.

/// Canonical scalar and aggregate function names.
public enum FunctionNames {
    // Operators.
    public static let plus = "plus", minus = "minus", multiply = "multiply", divide = "divide"
    public static let intDiv = "intDiv", modulo = "modulo", negate = "negate"
    public static let equals = "equals", notEquals = "notEquals", less = "less", lessOrEquals = "lessOrEquals"
    public static let greater = "greater", greaterOrEquals = "greaterOrEquals"
    public static let and = "and", or = "or", not = "not"
    public static let like = "like", notLike = "notLike", ilike = "ilike", notILike = "notILike"
    public static let isNull = "isNull", isNotNull = "isNotNull"
    public static let concat = "concat", arrayElement = "arrayElement", `if` = "if"
    public static let array = "array", tuple = "tuple"
    // Distances (exact).
    public static let distance = "distance", cosineDistance = "cosineDistance", l2Distance = "L2Distance"
    public static let l2SquaredDistance = "L2SquaredDistance", dotProduct = "dotProduct"
}
