// Binding `INSERT ... FROM INFILE`: the file's rows are typed while they are read, so binding only
// resolves the table and columns, checks the settings, and binds every DEFAULT expression over
// the table row (a file may omit any column in any row: JSON keys, header rows, `\N`).

import LoupeCore
import LoupeSQL

extension Binder {
    func bindFileLoad(_ insert: Insert, into table: TableDefinition, targets: [Int]) throws -> BoundStatement {
        guard case .infile(let path, let compression, let format) = insert.source else {
            preconditionFailure("bindFileLoad on an INSERT without FROM INFILE")
        }
        for setting in insert.settings where !FileLoad.settingNames.contains(setting.name.name) {
            throw LoupeError(
                .unknownName,
                "Setting '\(setting.name.name)' is not supported by INSERT ... FROM INFILE; supported: "
                    + FileLoad.settingNames.sorted().joined(separator: ", "),
                at: setting.name.range)
        }
        var defaults: [Int: BoundExpr] = [:]
        for i in table.columns.indices {
            if let expr = try boundDefault(of: i, in: table) { defaults[i] = expr }
        }
        let load = FileLoad(
            table: table, targetColumns: targets, path: path, compression: compression, format: format?.name,
            settings: try settingsValues(insert.settings), defaults: defaults, checks: try boundChecks(of: table))
        return .load(load)
    }
}
