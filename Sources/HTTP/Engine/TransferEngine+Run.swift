import CCurl
import Foundation
import Logging

extension TransferEngine {
    /// The thread's loop: start queued requests, drop cancelled ones, let libcurl work, hand out
    /// finished transfers, then sleep in `curl_multi_poll` until a socket, a timer or a wakeup.
    func run() {
        let transfers = ActiveTransfers(engine: self)
        while true {
            let mail = takeMail()
            if mail.stop {
                transfers.failAll(queued: mail.incoming)
                break
            }
            for pending in mail.incoming where !pending.isFinished { transfers.start(pending) }
            for pending in mail.cancelled { transfers.drop(pending) }
            var running: Int32 = 0
            let performCode = curl_multi_perform(multi.handle, &running)
            transfers.collectFinished()
            let pollCode = curl_multi_poll(multi.handle, nil, 0, 1000, nil)
            if performCode != CURLM_OK || pollCode != CURLM_OK {
                logger.error(
                    "libcurl multi handle failed; HTTP requests may stall",
                    metadata: [
                        "http.curl_perform": "\(String(cString: curl_multi_strerror(performCode)))",
                        "http.curl_poll": "\(String(cString: curl_multi_strerror(pollCode)))",
                    ])
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        markStopped()
    }
}
