import CRabbitMQ

/// Copies C values received from the broker into Swift values (before the library reuses the
/// memory they live in).
enum CDecoding {
    static func bytes(_ bytes: amqp_bytes_t) -> [UInt8] {
        guard bytes.len > 0, let start = bytes.bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: start, count: bytes.len))
    }

    static func string(_ bytes: amqp_bytes_t) -> String {
        guard bytes.len > 0, let start = bytes.bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: start, count: bytes.len), as: UTF8.self)
    }

    static func table(_ table: amqp_table_t) -> [String: AMQPFieldValue] {
        guard table.num_entries > 0, let entries = table.entries else { return [:] }
        var result: [String: AMQPFieldValue] = [:]
        result.reserveCapacity(Int(table.num_entries))
        for index in 0..<Int(table.num_entries) {
            let entry = entries[index]
            result[string(entry.key)] = value(entry.value)
        }
        return result
    }

    static func value(_ field: amqp_field_value_t) -> AMQPFieldValue {
        switch UInt32(field.kind) {
        case AMQP_FIELD_KIND_UTF8.rawValue: .string(string(field.value.bytes))
        case AMQP_FIELD_KIND_BYTES.rawValue: .bytes(bytes(field.value.bytes))
        case AMQP_FIELD_KIND_BOOLEAN.rawValue: .bool(field.value.boolean != 0)
        case AMQP_FIELD_KIND_I8.rawValue: .int32(Int32(field.value.i8))
        case AMQP_FIELD_KIND_U8.rawValue: .int32(Int32(field.value.u8))
        case AMQP_FIELD_KIND_I16.rawValue: .int32(Int32(field.value.i16))
        case AMQP_FIELD_KIND_U16.rawValue: .int32(Int32(field.value.u16))
        case AMQP_FIELD_KIND_I32.rawValue: .int32(field.value.i32)
        case AMQP_FIELD_KIND_U32.rawValue: .int64(Int64(field.value.u32))
        case AMQP_FIELD_KIND_I64.rawValue: .int64(field.value.i64)
        case AMQP_FIELD_KIND_U64.rawValue: .int64(Int64(bitPattern: field.value.u64))
        case AMQP_FIELD_KIND_F32.rawValue: .double(Double(field.value.f32))
        case AMQP_FIELD_KIND_F64.rawValue: .double(field.value.f64)
        case AMQP_FIELD_KIND_DECIMAL.rawValue:
            .double(Double(field.value.decimal.value) / pow10(Int(field.value.decimal.decimals)))
        case AMQP_FIELD_KIND_TIMESTAMP.rawValue: .timestamp(field.value.u64)
        case AMQP_FIELD_KIND_TABLE.rawValue: .table(table(field.value.table))
        case AMQP_FIELD_KIND_ARRAY.rawValue: .array(array(field.value.array))
        default: .void
        }
    }

    private static func array(_ array: amqp_array_t) -> [AMQPFieldValue] {
        guard array.num_entries > 0, let entries = array.entries else { return [] }
        return (0..<Int(array.num_entries)).map { value(entries[$0]) }
    }

    private static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
