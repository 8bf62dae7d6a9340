import CCurl

extension Transfer {
    /// The response, or the error that libcurl's `code` stands for. Call before the handle is reset.
    func result(code: CURLcode, status: Int) -> Result<HTTPResponse, HTTPError> {
        if code == CURLE_OK {
            return .success(HTTPResponse(status: status, headers: headers, body: body))
        }
        return .failure(error(code: code))
    }

    private func error(code: CURLcode) -> HTTPError {
        let detail = easy.errorMessage ?? String(cString: curl_easy_strerror(code))
        let curl = "(libcurl \(code.rawValue): \(detail))"
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return pending.error(
                .timeout,
                "No complete answer within the timeout (\(timeoutMilliseconds) ms) \(curl). The server is "
                    + "slow or unreachable: retry later, or raise the timeout if it is always this slow.")
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return pending.error(
                .connectionFailed,
                "Could not connect \(curl). Check that the server runs and that the URL's host and port "
                    + "are right.")
        case CURLE_WRITE_ERROR where bodyTooLarge, CURLE_FILESIZE_EXCEEDED:
            return pending.error(
                .bodyTooLarge,
                "The response body is larger than the limit of \(maxBodyBytes) bytes; raise "
                    + "maxBodyBytes if such bodies are expected.")
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return pending.error(
                .invalidRequest, "The URL is not a valid http or https URL \(curl); fix the configuration.")
        default:
            var error = pending.error(
                .transport, "The transfer failed \(curl). The connection or the server misbehaved.")
            error.transient = transientCodes.contains(code)
            return error
        }
    }
}

/// Transport failures that a new attempt may not meet: resets and empty or cut replies.
private let transientCodes: Set<UInt32> = [
    CURLE_SEND_ERROR.rawValue, CURLE_RECV_ERROR.rawValue, CURLE_GOT_NOTHING.rawValue,
    CURLE_PARTIAL_FILE.rawValue, CURLE_HTTP2.rawValue, CURLE_HTTP2_STREAM.rawValue,
]

extension Set where Element == UInt32 {
    fileprivate func contains(_ code: CURLcode) -> Bool { contains(code.rawValue) }
}
