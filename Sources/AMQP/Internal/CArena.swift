import CRabbitMQ

/// C memory for outgoing strings and field tables, allocated from a rabbitmq-c pool and freed
/// together: everything stays valid until ``recycle()`` or deinit, i.e. for the whole C call.
/// Confined to one connection thread.
final class CArena {
    private let pool: UnsafeMutablePointer<amqp_pool_t>

    init(pageSize: Int = 4096) {
        pool = .allocate(capacity: 1)
        init_amqp_pool(pool, pageSize)
    }

    deinit {
        empty_amqp_pool(pool)
        pool.deallocate()
    }

    /// Invalidates every earlier allocation and keeps the pages for reuse.
    func recycle() { recycle_amqp_pool(pool) }

    /// Copies bytes into the arena.
    func bytes<Bytes: Collection>(_ source: Bytes) -> amqp_bytes_t where Bytes.Element == UInt8 {
        guard !source.isEmpty, let raw = amqp_pool_alloc(pool, source.count) else {
            return amqp_bytes_t(len: 0, bytes: nil)
        }
        let buffer = UnsafeMutableRawBufferPointer(start: raw, count: source.count)
        buffer.copyBytes(from: source)
        return amqp_bytes_t(len: source.count, bytes: raw)
    }

    /// Copies the UTF-8 bytes of a string into the arena.
    func bytes(_ string: String) -> amqp_bytes_t { bytes(string.utf8) }

    /// Copies a NUL-terminated string into the arena (for C functions taking `char *`).
    func cString(_ string: String) -> UnsafePointer<CChar> {
        let utf8 = Array(string.utf8) + [0]
        let raw = amqp_pool_alloc(pool, utf8.count)!
        raw.copyMemory(from: utf8, byteCount: utf8.count)
        return UnsafePointer(raw.assumingMemoryBound(to: CChar.self))
    }

    /// Builds a field table in the arena.
    func table(_ entries: [String: AMQPFieldValue]) -> amqp_table_t {
        guard !entries.isEmpty,
            let raw = amqp_pool_alloc(pool, MemoryLayout<amqp_table_entry_t>.stride * entries.count)
        else { return amqp_table_t(num_entries: 0, entries: nil) }
        let typed = raw.bindMemory(to: amqp_table_entry_t.self, capacity: entries.count)
        // Sorted keys: a stable encoding, easier to read in captures.
        for (index, key) in entries.keys.sorted().enumerated() {
            (typed + index).initialize(to: amqp_table_entry_t(key: bytes(key), value: value(entries[key]!)))
        }
        return amqp_table_t(num_entries: Int32(entries.count), entries: typed)
    }

    /// Converts one field value, copying its storage into the arena.
    func value(_ value: AMQPFieldValue) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        switch value {
        case .string(let string):
            field.kind = Self.kind(AMQP_FIELD_KIND_UTF8)
            field.value.bytes = bytes(string)
        case .int32(let number):
            field.kind = Self.kind(AMQP_FIELD_KIND_I32)
            field.value.i32 = number
        case .int64(let number):
            field.kind = Self.kind(AMQP_FIELD_KIND_I64)
            field.value.i64 = number
        case .bool(let flag):
            field.kind = Self.kind(AMQP_FIELD_KIND_BOOLEAN)
            field.value.boolean = flag ? 1 : 0
        case .double(let number):
            field.kind = Self.kind(AMQP_FIELD_KIND_F64)
            field.value.f64 = number
        case .bytes(let data):
            field.kind = Self.kind(AMQP_FIELD_KIND_BYTES)
            field.value.bytes = bytes(data)
        case .timestamp(let seconds):
            field.kind = Self.kind(AMQP_FIELD_KIND_TIMESTAMP)
            field.value.u64 = seconds
        case .table(let entries):
            field.kind = Self.kind(AMQP_FIELD_KIND_TABLE)
            field.value.table = table(entries)
        case .array(let values):
            field.kind = Self.kind(AMQP_FIELD_KIND_ARRAY)
            field.value.array = array(values)
        case .void:
            field.kind = Self.kind(AMQP_FIELD_KIND_VOID)
        }
        return field
    }

    private func array(_ values: [AMQPFieldValue]) -> amqp_array_t {
        guard !values.isEmpty,
            let raw = amqp_pool_alloc(pool, MemoryLayout<amqp_field_value_t>.stride * values.count)
        else { return amqp_array_t(num_entries: 0, entries: nil) }
        let typed = raw.bindMemory(to: amqp_field_value_t.self, capacity: values.count)
        for (index, element) in values.enumerated() {
            (typed + index).initialize(to: value(element))
        }
        return amqp_array_t(num_entries: Int32(values.count), entries: typed)
    }

    static func kind(_ kind: amqp_field_value_kind_t) -> UInt8 { UInt8(truncatingIfNeeded: kind.rawValue) }
}
