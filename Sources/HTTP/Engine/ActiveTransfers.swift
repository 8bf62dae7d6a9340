import CCurl
import CShims
import Logging

/// The transfers in the multi handle and the idle easy handles kept for reuse. Engine thread only.
final class ActiveTransfers {
    private unowned let engine: TransferEngine
    private var transfers: [UnsafeMutableRawPointer: Transfer] = [:]
    private var handles: [ObjectIdentifier: UnsafeMutableRawPointer] = [:]
    private var idle: [CurlEasy] = []
    private let idleLimit = 32

    init(engine: TransferEngine) { self.engine = engine }

    private var multi: UnsafeMutableRawPointer { engine.multi.handle }

    /// Configures a handle for the request and adds it to the multi handle (or fails the request).
    func start(_ pending: PendingRequest) {
        guard let easy = idle.popLast() ?? CurlEasy() else {
            pending.finish(.failure(pending.error(.transport, "libcurl could not create a handle (out of memory).")))
            return
        }
        let transfer = Transfer(pending: pending, easy: easy, maxBodyBytes: engine.configuration.maxBodyBytes)
        do {
            try transfer.configure(engine.configuration)
        } catch {
            recycle(easy)
            pending.finish(.failure(error))
            return
        }
        let code = curl_multi_add_handle(multi, easy.handle)
        guard code == CURLM_OK else {
            recycle(easy)
            let reason = String(cString: curl_multi_strerror(code))
            pending.finish(.failure(pending.error(.transport, "libcurl refused the transfer: \(reason).")))
            return
        }
        transfers[easy.handle] = transfer
        handles[ObjectIdentifier(pending)] = easy.handle
        engine.logger.trace(
            "HTTP request started",
            metadata: ["http.request": "\(pending.request)"])
    }

    /// Removes the transfer of a request whose task was cancelled (it was answered already).
    func drop(_ pending: PendingRequest) {
        guard let handle = handles[ObjectIdentifier(pending)], let transfer = transfers[handle],
            transfer.pending === pending
        else { return }
        remove(transfer)
        log(transfer, "HTTP request cancelled", status: nil)
    }

    /// Answers every transfer that libcurl reports done.
    func collectFinished() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                let transfer = transfers[handle]
            else { continue }
            let code = cshim_curl_msg_result(message)
            complete(transfer, code: code)
        }
    }

    /// Fails every transfer and queued request with a shutdown error, and empties the multi handle.
    func failAll(queued: [PendingRequest]) {
        let message = "The HTTP client was shut down before the request ended; nothing more is sent."
        for transfer in Array(transfers.values) {
            remove(transfer)
            transfer.pending.finish(.failure(transfer.pending.error(.shutdown, message)))
        }
        for pending in queued { pending.finish(.failure(pending.error(.shutdown, message))) }
        idle.removeAll()
    }

    private func complete(_ transfer: Transfer, code: CURLcode) {
        let status = transfer.easy.info(CURLINFO_RESPONSE_CODE)
        let connections = transfer.easy.info(CURLINFO_NUM_CONNECTS)
        let result = transfer.result(code: code, status: status)
        remove(transfer)
        engine.record(connectionsOpened: connections)
        switch result {
        case .success(let response): log(transfer, "HTTP request answered", status: response.status)
        case .failure(let error): log(transfer, "HTTP request failed: \(error.message)", status: error.status)
        }
        transfer.pending.finish(result)
    }

    private func remove(_ transfer: Transfer) {
        let handle = transfer.easy.handle
        curl_multi_remove_handle(multi, handle)
        transfers[handle] = nil
        handles[ObjectIdentifier(transfer.pending)] = nil
        recycle(transfer.easy)
    }

    private func recycle(_ easy: CurlEasy) {
        easy.reset()
        if idle.count < idleLimit { idle.append(easy) }
    }

    private func log(_ transfer: Transfer, _ message: String, status: Int?) {
        engine.logger.debug(
            "\(message)",
            metadata: [
                "http.method": "\(transfer.request.method)",
                "http.url": "\(redactURL(transfer.request.url))",
                "http.status": "\(status.map(String.init) ?? "-")",
                "http.duration_ms": "\((ContinuousClock.now - transfer.started).curlMilliseconds)",
            ])
    }
}
