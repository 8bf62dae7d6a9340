import CCurl
import CShims

/// One request running on the engine's thread: its easy handle, header list and answer so far.
/// Only the engine's thread touches it; libcurl's callbacks receive it as an unretained pointer,
/// valid because the engine holds the transfer until its handle leaves the multi handle.
final class Transfer {
    let pending: PendingRequest
    let easy: CurlEasy
    let started = ContinuousClock.now
    let maxBodyBytes: Int
    private(set) var timeoutMilliseconds = 0
    private var headerList: CurlStringList?
    private(set) var body: [UInt8] = []
    private(set) var headers = HTTPHeaders()
    private(set) var bodyTooLarge = false

    init(pending: PendingRequest, easy: CurlEasy, maxBodyBytes: Int) {
        self.pending = pending
        self.easy = easy
        self.maxBodyBytes = maxBodyBytes
    }

    var request: HTTPRequest { pending.request }

    /// Sets every option of the request on the easy handle (which is fresh or reset).
    func configure(_ configuration: HTTPClientConfiguration) throws(HTTPError) {
        let lines = try headerLines()
        guard let list = CurlStringList(lines) else {
            throw pending.error(.transport, "libcurl could not allocate the header list (out of memory).")
        }
        headerList = list
        do {
            try easy.prepare()
            try easy.set(CURLOPT_URL, request.url)
            try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
            timeoutMilliseconds = (request.timeout ?? configuration.requestTimeout).curlMilliseconds
            try easy.set(CURLOPT_TIMEOUT_MS, timeoutMilliseconds)
            try easy.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
            try easy.set(CURLOPT_USERAGENT, configuration.userAgent)
            try easy.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(maxBodyBytes))
            try easy.set(CURLOPT_HTTPHEADER, list: list)
            // libcurl re-sends a request by itself only over a reused connection (see isIdempotent).
            if !request.isIdempotent { try easy.set(CURLOPT_FRESH_CONNECT, 1) }
            try setMethodAndBody()
            let context = Unmanaged.passUnretained(self).toOpaque()
            try easy.set(CURLOPT_WRITEFUNCTION, callback: receiveBodyCallback)
            try easy.set(CURLOPT_WRITEDATA, pointer: context)
            try easy.set(CURLOPT_HEADERFUNCTION, callback: receiveHeaderCallback)
            try easy.set(CURLOPT_HEADERDATA, pointer: context)
        } catch {
            throw pending.error(.invalidRequest, "\(error.message); check the request's URL and headers.")
        }
    }

    private func setMethodAndBody() throws(CurlOptionError) {
        switch request.method {
        case .get:
            try easy.set(CURLOPT_HTTPGET, 1)
        case .head:
            try easy.set(CURLOPT_NOBODY, 1)
        case .post:
            try easy.setBody(request.body)
        default:
            try easy.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            if !request.body.isEmpty { try easy.setBody(request.body) }
        }
    }

    /// `name: value` lines; `Expect:` turns off libcurl's `100-continue` round trip for big bodies.
    private func headerLines() throws(HTTPError) -> [String] {
        var lines: [String] = []
        for field in request.headers {
            let text = field.name + field.value
            if text.contains(where: \.isNewline) || field.name.contains(":") {
                throw pending.error(
                    .invalidRequest, "Header \(field.name) has a line break or its name a colon; remove it.")
            }
            // libcurl drops a header given as `name:`; `name;` sends it with an empty value.
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        if !request.headers.contains("expect") { lines.append("Expect:") }
        return lines
    }

    /// Appends body bytes; answers 0 (libcurl then fails with CURLE_WRITE_ERROR) past the cap.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if body.count + bytes.count > maxBodyBytes {
            bodyTooLarge = true
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Parses one header line; a status line starts a new header block (after `100 Continue`).
    func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingWhitespace()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            if !name.isEmpty { headers.add(name: name, value: value) }
        }
        return bytes.count
    }
}

private let receiveBodyCallback: cshim_curl_data_callback = { data, size, count, context in
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}

private let receiveHeaderCallback: cshim_curl_data_callback = { data, size, count, context in
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
