import Foundation

/// The world's business tables as CSV files for PostgreSQL's `\copy ... with (format csv, header true)`:
/// `sales.csv`, `transactions.csv`, `receipt.csv`. Text is always quoted; a NULL is an unquoted
/// empty field. Annotations (receipt truth) are not written.
public enum WorldCSV {
    /// The file of each table, in load order.
    public static let files: [(table: String, file: String, columns: String)] = [
        ("sales", "sales.csv", "id_sale,merchant_id,chip_id,created_at,status,description"),
        ("transactions", "transactions.csv", "transaction_id,merchant_id,created_at,value"),
        ("receipt", "receipt.csv", "merchant_id,created_at,status,description,value"),
    ]

    /// Writes the three CSV files into `directory` (created if missing).
    public static func write(_ world: World, to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try contents(of: world).forEach { file, text in
                try Data(text.utf8).write(to: directory.appendingPathComponent(file), options: .atomic)
            }
        } catch {
            throw WorldError(.io, "cannot write the CSV files into \(directory.path): \(error)")
        }
    }

    /// The text of each CSV file, by file name.
    public static func contents(of world: World) -> [(String, String)] {
        var sales = files[0].columns + "\n"
        for s in world.sales {
            sales += row([quote(s.idSale), quote(s.merchantId), s.chipId.map(quote) ?? "", s.createdAt.sqlText,
                quote(s.status), s.description.map(quote) ?? ""])
        }
        var transactions = files[1].columns + "\n"
        for t in world.transactions {
            transactions += row([quote(t.transactionId), quote(t.merchantId), t.createdAt.sqlText, t.value.description])
        }
        var receipts = files[2].columns + "\n"
        for r in world.receipts {
            receipts += row([quote(r.merchantId), r.createdAt.sqlText, quote(r.status), r.description.map(quote) ?? "",
                r.value.description])
        }
        return [(files[0].file, sales), (files[1].file, transactions), (files[2].file, receipts)]
    }

    private static func row(_ fields: [String]) -> String { fields.joined(separator: ",") + "\n" }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
